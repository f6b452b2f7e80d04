package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portscope events} on this machine, with sockets the test opens and closes while it runs. */
@Tag("live")
class EventsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void aConnectionIsReportedOpenedThenClosedWithItsProcessAndRecorded() throws Exception {
        Path record = dir.resolve("events.jsonl");
        try (LoopbackSockets sockets = new LoopbackSockets()) {
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int[] exit = {-1};
            // runs until interrupted, as on a terminal until Ctrl-C; at most a minute
            Thread watcher = Thread.ofPlatform().start(() -> exit[0] = Main.run(new String[] {"events", "--json",
                    "--interval", "0.3s", "--duration", "60s", "--record", record.toString(), "-t",
                    "sport = :" + port + " or dport = :" + port}, new PrintWriter(out), new PrintWriter(err),
                    CliRun.liveEnvironment(Map.of())));
            assertThat(LoopbackSockets.eventually(Duration.ofSeconds(10), () -> err.toString().contains("changes follow"))).isTrue();
            SocketChannel[] pair = sockets.connectedPair(server);
            int clientPort = LoopbackSockets.port(pair[0]);
            assertThat(LoopbackSockets.eventually(Duration.ofSeconds(10), () -> out.toString().contains("\"port\":" + clientPort)))
                    .as("the connection is reported while it lasts").isTrue();
            pair[0].close(); // the client first: its side waits in TIME_WAIT, the server's ends
            pair[1].close();
            assertThat(LoopbackSockets.eventually(Duration.ofSeconds(10), () -> out.toString().contains("connection-closed")))
                    .as("the server's side is reported closed").isTrue();
            watcher.interrupt();
            watcher.join(10_000);
            CliRun events = new CliRun(exit[0], out.toString(), err.toString());

            assertThat(events.exitCode()).isZero();
            List<JsonNode> lines = lines(events.out());
            assertThat(lines).isNotEmpty().allSatisfy(line -> {
                assertThat(line.path("format").asText()).isEqualTo("portscope-event");
                int local = line.path("socket").path("local").path("port").asInt();
                int remote = line.path("socket").path("remote").path("port").asInt();
                assertThat(local == port || remote == port).isTrue();
            });
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.path("event").asText()).isEqualTo("connection-opened");
                assertThat(line.path("socket").path("local").path("port").asInt()).isEqualTo(clientPort);
                assertThat(line.path("processes").path(0).path("pid").asLong()).isEqualTo(SELF);
            });
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.path("event").asText()).isEqualTo("connection-closed");
                assertThat(line.path("socket").path("local").path("port").asInt()).isEqualTo(port);
                assertThat(line.path("end").asText()).isEqualTo("orderly");
            });
            assertThat(Files.readString(record)).isEqualTo(events.out());

            // read back through a narrower filter: only the client's side
            CliRun replayed = CliRun.run("events", "--replay", record.toString(), "sport = :" + clientPort);
            assertThat(replayed.exitCode()).isZero();
            assertThat(replayed.out().lines().toList()).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains("127.0.0.1:" + clientPort + "  127.0.0.1:" + port));
        }
    }

    @Test
    void aBrokenLineInAReplayIsNamedWithItsLineNumber() throws Exception {
        Path file = dir.resolve("broken.jsonl");
        Files.writeString(file, "\n{\"format\":\"portscope-event\",\"version\":1}\n");

        CliRun run = CliRun.run("events", "--replay", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).isEqualTo("portscope: " + file + ":2: no \"time\" text");
    }

    @Test
    void aBadIntervalIsAUsageError() {
        CliRun run = CliRun.run("events", "--interval", "fast");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'fast' is not a duration");
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}
