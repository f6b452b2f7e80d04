package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.testing.LoopbackSockets;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * portscope run as an unprivileged user (nobody, through setpriv) sees every socket but not the
 * owners of other users' sockets: a partial answer, said on stderr, exit 3, never a crash.
 */
class UnprivilegedRunTest {

    @Test
    void ownersOfOtherUsersAreHiddenAndSaidSo(@TempDir Path dir) throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to switch to nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path)) { // jars live under root's home: copy them where nobody can read
                Path copy = dir.resolve(classPath.size() + "-" + path.getFileName());
                Files.copy(path, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                classPath.add(copy.toString());
            } else {
                classPath.add(entry);
            }
        }
        try (var sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process run = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, classPath),
                    Main.class.getName(), "listen", "-t", "--json")
                    .directory(dir.toFile())
                    .redirectOutput(dir.resolve("listing.json").toFile())
                    .start();
            String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            JsonNode listing = new ObjectMapper().readTree(dir.resolve("listing.json").toFile());

            assertThat(run.exitValue()).as(err).isEqualTo(ExitCodes.PARTIAL);
            assertThat(err).contains("portscope: warning: owners of").contains("sockets hidden").doesNotContain("Exception");
            assertThat(listing.get("partial").asBoolean()).isTrue();
            JsonNode mine = null;
            for (JsonNode s : listing.get("sockets")) {
                if (s.get("local").get("port").asInt() == port && s.get("local").get("address").asText().equals("127.0.0.1")) {
                    mine = s;
                }
            }
            assertThat(mine).as("this JVM's listener is listed").isNotNull();
            assertThat(mine.get("processes")).isEmpty();
            assertThat(mine.get("user").asText()).isEqualTo("root");
        }
    }
}
