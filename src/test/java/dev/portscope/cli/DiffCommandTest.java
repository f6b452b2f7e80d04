package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {

    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void listenersThatAppearedAndDisappearedAreShown() throws Exception {
        Path file = dir.resolve("base.json");
        try (LoopbackSockets sockets = new LoopbackSockets()) {
            ServerSocketChannel gone = sockets.listen("127.0.0.1");
            int gonePort = LoopbackSockets.port(gone);
            assertThat(CliRun.run("snapshot", "save", file.toString()).exitCode()).isZero();
            gone.close();
            int newPort = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            CliRun diff = CliRun.run("diff", file.toString());
            assertThat(diff.exitCode()).as(diff.err()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(diff.out()).contains("+ " + newPort + "/tcp appeared: loopback (127.0.0.1), java as root (pid " + PID + ")")
                    .contains("- " + gonePort + "/tcp disappeared: was loopback (127.0.0.1), java as root (pid " + PID + ")");

            CliRun audit = CliRun.run("audit", "--baseline", file.toString(), "--json");
            boolean named = false;
            for (JsonNode f : audit.json().get("findings")) {
                named |= f.get("ruleId").asText().equals("PS103") && f.get("socket").get("port").asInt() == newPort
                        && f.get("processes").get(0).get("pid").asLong() == PID;
            }
            assertThat(named).as(audit.out()).isTrue();
            assertThat(audit.exitCode()).isIn(AuditCommand.WARNING, AuditCommand.CRITICAL);
        }
    }

    @Test
    void aBaselineFromANewerVersionIsRefused() throws Exception {
        Path file = dir.resolve("future.json");
        Files.writeString(file, "{\"format\":\"portscope-baseline\",\"version\":7,\"host\":\"h\",\"time\":\"2030-01-01T00:00:00Z\",\"listeners\":[]}");
        String expected = "portscope: " + file + ": baseline format version 7 is newer than this portscope reads (1); "
                + "upgrade portscope or save the baseline again" + System.lineSeparator();
        CliRun diff = CliRun.run("diff", file.toString());
        assertThat(diff.exitCode()).isEqualTo(3);
        assertThat(diff.err()).isEqualTo(expected);
        CliRun audit = CliRun.run("audit", "--baseline", file.toString());
        assertThat(audit.exitCode()).isEqualTo(AuditCommand.UNKNOWN);
        assertThat(audit.err()).isEqualTo(expected);
    }

    @Test
    void somethingElseThanABaselineIsRefused() throws Exception {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"format\":\"portscope-summary\",\"version\":1}");
        CliRun diff = CliRun.run("diff", file.toString());
        assertThat(diff.exitCode()).isEqualTo(3);
        assertThat(diff.err().strip()).isEqualTo("portscope: " + file + ": not a portscope baseline (expected \"format\": \"portscope-baseline\")");
    }
}
