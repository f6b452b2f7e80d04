package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("live")
class SnapshotCommandTest {

    @TempDir
    Path dir;

    @Test
    void savesListenersWithFormatAndVersion() throws Exception {
        try (LoopbackSockets sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            Path file = dir.resolve("base.json");
            CliRun run = CliRun.run("snapshot", "save", file.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(run.partial() ? ExitCodes.PARTIAL : ExitCodes.OK);
            JsonNode saved = new ObjectMapper().readTree(Files.readString(file));
            assertThat(saved.get("format").asText()).isEqualTo("portscope-baseline");
            assertThat(saved.get("version").asInt()).isEqualTo(1);
            JsonNode ours = null;
            for (JsonNode l : saved.get("listeners")) {
                if (l.get("port").asInt() == port && l.get("protocol").asText().equals("tcp")) {
                    ours = l;
                }
            }
            assertThat(ours).isNotNull();
            assertThat(ours.get("exposure").asText()).isEqualTo("loopback");
            assertThat(ours.get("addresses").get(0).asText()).isEqualTo("127.0.0.1");
            assertThat(ours.get("pids").get(0).asLong()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void anUnknownActionIsAUsageError() {
        CliRun run = CliRun.run("snapshot", "load", dir.resolve("x").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown snapshot action 'load': expected save");
    }

    @Test
    void anUnwritablePlaceIsOneLine() {
        CliRun run = CliRun.run("snapshot", "save", dir.resolve("no/such/dir/base.json").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).isEqualTo("portscope: cannot write " + dir.resolve("no/such/dir/base.json") + ": no such directory");
    }
}
