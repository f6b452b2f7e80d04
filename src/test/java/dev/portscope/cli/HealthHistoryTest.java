package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.AsNobody;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.SpecialFiles;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code health} keeps the counters of its last run: only in a directory of the user running
 * it, never through a link, and compared only within the same namespace and boot.
 */
@Timeout(120)
class HealthHistoryTest {

    @TempDir
    Path dir;

    private static CliRun health(Map<String, String> variables) {
        return CliRun.run(CliRun.liveEnvironment(variables), "health", "--json");
    }

    /** A home of nobody's, readable on the way, as sudo leaves HOME set to the user's. */
    private Path homeOfNobody() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = Files.createDirectory(dir.resolve("home"));
        SpecialFiles.giveToNobody(home);
        return home;
    }

    /** Regression: root, with HOME of a user who linked ~/.local/state/portscope to a root-only directory, wrote there. */
    @Test
    void aStateDirectoryLinkedByTheOwnerOfHomeIsNotFollowedByRoot() throws Exception {
        Path secret = Files.createDirectory(dir.resolve("secret"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path home = homeOfNobody();
        AsNobody.run("mkdir", "-p", home.resolve(".local/state").toString());
        AsNobody.run("ln", "-s", secret.toString(), home.resolve(".local/state/portscope").toString());

        CliRun run = health(Map.of("HOME", home.toString()));
        assertThat(run.out()).as(run.err()).contains("\"counters\"");
        try (var written = Files.list(secret)) {
            assertThat(written).as("nothing written through nobody's link").isEmpty();
        }
        assertThat(run.err()).contains("portscope: note: counters not kept for the next run: cannot use " + home.resolve(".local/state/portscope")
                + ": it is a symbolic link; portscope keeps its state only in a directory of its own");
    }

    @Test
    void rootCreatesNothingInAnotherUsersHome() throws Exception {
        Path home = homeOfNobody();
        CliRun run = health(Map.of("HOME", home.toString()));
        assertThat(run.out()).as(run.err()).contains("\"counters\"");
        assertThat(home.resolve(".local")).doesNotExist();
        assertThat(run.err()).contains("counters not kept for the next run: cannot use " + home + ": it belongs to another user (uid 65534)");
    }

    @Test
    void theStateDirectoryAndFileArePrivateAndThereIsOneFile() throws Exception {
        Path state = dir.resolve("state");
        Files.createDirectories(state.resolve("portscope"));
        Path stale = Files.writeString(state.resolve("portscope/tcp-counters-4026531840.properties"), "time=2020-01-01T00:00:00Z\n");
        CliRun run = health(Map.of("XDG_STATE_HOME", state.toString()));
        assertThat(run.err()).doesNotContain("not kept");
        Path file = state.resolve("portscope/tcp-counters.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))).isEqualTo("rw-------");
        assertThat(stale).as("a file per namespace of an earlier version is removed").doesNotExist();
        assertThat(Files.readString(file)).contains("namespace=").contains("boot=" + Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip());

        Path fresh = dir.resolve("fresh");
        health(Map.of("XDG_STATE_HOME", fresh.toString()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve("portscope")))).isEqualTo("rwx------");
    }

    /** Regression: a namespace id is reused once its namespace is gone, and counters restart at boot; the old file was compared. */
    @Test
    void countersOfAnotherBootOrNamespaceAreNotComparedWith() throws Exception {
        Path state = dir.resolve("state");
        health(Map.of("XDG_STATE_HOME", state.toString()));
        Path file = state.resolve("portscope/tcp-counters.properties");
        String kept = Files.readString(file);
        JsonNode same = health(Map.of("XDG_STATE_HOME", state.toString())).json();
        assertThat(same.get("counters").get("period").asText()).startsWith("since the last run at ");

        Files.writeString(file, kept.replaceAll("(?m)^boot=.*$", "boot=00000000-0000-0000-0000-000000000000"));
        JsonNode otherBoot = health(Map.of("XDG_STATE_HOME", state.toString())).json();
        assertThat(otherBoot.get("counters").get("period").asText()).isEqualTo("since boot");

        Files.writeString(file, kept.replaceAll("(?m)^namespace=.*$", "namespace=1"));
        JsonNode otherNamespace = health(Map.of("XDG_STATE_HOME", state.toString())).json();
        assertThat(otherNamespace.get("counters").get("period").asText()).isEqualTo("since boot");
    }
}
