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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * portscope run as an unprivileged user (nobody, through setpriv) sees every socket but not the
 * owners of other users' sockets: a partial answer, said on stderr, exit 3, never a crash.
 */
@Tag("live")
@Timeout(120)
class UnprivilegedRunTest {

    /** Runs portscope as nobody; its JSON lands in {@code dir/out.json}. Returns the process, finished. */
    private static Process runAsNobody(Path dir, String... args) throws Exception {
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
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, classPath),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("out.json").toFile())
                .start();
    }

    @Test
    void ownersOfOtherUsersAreHiddenAndSaidSo(@TempDir Path dir) throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            Process run = runAsNobody(dir, "listen", "-t", "--json");
            String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            JsonNode listing = new ObjectMapper().readTree(dir.resolve("out.json").toFile());

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

    @Test
    void whyTellsAnUnprivilegedUserThatAPrivilegedPortNeedsACapability(@TempDir Path dir) throws Exception {
        int start = Integer.parseInt(new String(
                Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).readAllBytes()).strip());
        assumeTrue(start > 1, "every port is unprivileged here");
        Process run = runAsNobody(dir, "why", Integer.toString(start - 1), "--addr", "127.0.0.1", "--try", "--json");
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out.json").toFile());
        assertThat(run.exitValue()).as(err).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(report.get("request").get("user").asText()).isEqualTo("nobody");
        assertThat(report.get("blockers").findValuesAsText("kind")).contains("privileged-port");
        assertThat(report.get("trial").get("errno").asInt()).isEqualTo(13);
        assertThat(report.get("verdict").asText()).isEqualTo("blocked");
    }
}
