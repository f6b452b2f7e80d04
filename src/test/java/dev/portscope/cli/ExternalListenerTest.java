package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.CliRun;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Listeners started by other programs, found with their pid, name and exposure. */
class ExternalListenerTest {

    private static final Pattern SERVING = Pattern.compile("Serving HTTP on (\\S+) port (\\d+)");

    private static JsonNode listener(int port) {
        CliRun run = CliRun.run("listen", "-t", "--json");
        List<JsonNode> found = new ArrayList<>();
        run.json().get("sockets").forEach(s -> {
            if (s.get("local").get("port").asInt() == port) {
                found.add(s);
            }
        });
        assertThat(found).as("listeners on port %d", port).hasSize(1);
        return found.getFirst();
    }

    private static List<Long> pids(JsonNode socket) {
        List<Long> pids = new ArrayList<>();
        socket.get("processes").forEach(p -> pids.add(p.get("pid").asLong()));
        return pids;
    }

    @Test
    void pythonHttpServerOnLoopback() throws Exception {
        try (var server = ChildProcess.start(List.of("python3", "-u", "-m", "http.server", "--bind", "127.0.0.1", "0"))) {
            Matcher m = SERVING.matcher(server.firstLine());
            assertThat(m.find()).as(server.firstLine()).isTrue();
            JsonNode socket = listener(Integer.parseInt(m.group(2)));
            assertThat(socket.get("exposure").asText()).isEqualTo("loopback");
            assertThat(pids(socket)).containsExactly(server.pid());
            JsonNode process = socket.get("processes").get(0);
            assertThat(process.get("name").asText()).startsWith("python3");
            assertThat(process.get("commandLine").toString()).contains("http.server");
            assertThat(process.get("parentPid").asLong()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void pythonHttpServerOnAllInterfaces() throws Exception {
        try (var server = ChildProcess.start(List.of("python3", "-u", "-m", "http.server", "--bind", "0.0.0.0", "0"))) {
            Matcher m = SERVING.matcher(server.firstLine());
            assertThat(m.find()).as(server.firstLine()).isTrue();
            JsonNode socket = listener(Integer.parseInt(m.group(2)));
            assertThat(socket.get("exposure").asText()).isEqualTo("all-interfaces");
            assertThat(socket.get("local").get("address").asText()).isEqualTo("0.0.0.0");
            assertThat(pids(socket)).containsExactly(server.pid());
        }
    }

    @Test
    void aListenerSharedWithAForkedChildListsBothProcesses() throws Exception {
        String program = String.join("\n",
                "import os, socket, sys, time",
                "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                "child = os.fork()",
                "if child == 0:",
                "    time.sleep(30); os._exit(0)",
                "print(s.getsockname()[1], child, flush=True)",
                "time.sleep(30)");
        try (var parent = ChildProcess.start(List.of("python3", "-c", program))) {
            String[] fields = parent.firstLine().trim().split(" ");
            JsonNode socket = listener(Integer.parseInt(fields[0]));
            assertThat(pids(socket)).containsExactlyInAnyOrder(parent.pid(), Long.parseLong(fields[1]));
        }
    }
}
