package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.CliRun;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Listeners started by other programs, found with their pid, name and exposure. */
@Tag("live")
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

    /** The one listener on the port, asked for alone: only its inode is wanted from the owner scan. */
    private static JsonNode onlyListener(int port) {
        CliRun run = CliRun.run("listen", "-t", "--json", "sport", "=", ":" + port);
        List<JsonNode> found = new ArrayList<>();
        run.json().get("sockets").forEach(found::add);
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

    /*
     * Every holder of a socket is listed, however it came to hold it: the owner scan reads the
     * descriptors of every process (see Inventory). Stopping once each socket has one owner and then
     * following only the owners' descendants would miss the three holders below. In each program the
     * helpers wait on a pipe that the first process holds open, so they end with it (or after 30 s).
     */

    @Test
    void aGrandchildReparentedAfterItsParentExitedIsListed() throws Exception {
        String program = String.join("\n",
                "import os, select, socket",
                "r, w = os.pipe(); pr, pw = os.pipe()",
                "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                "child = os.fork()",
                "if child == 0:",
                "    os.close(w)",
                "    if os.fork() == 0:",
                "        os.write(pw, b'%d\\n' % os.getpid()); select.select([r], [], [], 30); os._exit(0)",
                "    os._exit(0)",
                "os.waitpid(child, 0)",
                "grandchild = os.read(pr, 32).split()[0].decode()",
                "print(s.getsockname()[1], grandchild, flush=True)",
                "select.select([], [], [], 30)");
        try (var parent = ChildProcess.start(List.of("python3", "-c", program))) {
            String[] fields = parent.firstLine().trim().split(" ");
            long grandchild = Long.parseLong(fields[1]);
            JsonNode socket = onlyListener(Integer.parseInt(fields[0]));
            assertThat(pids(socket)).containsExactlyInAnyOrder(parent.pid(), grandchild);
            socket.get("processes").forEach(p -> {
                if (p.get("pid").asLong() == grandchild) {
                    assertThat(p.get("parentPid").asLong()).as("reparented, no longer below the parent").isNotEqualTo(parent.pid());
                }
            });
        }
    }

    @Test
    void siblingWorkersAreListedWhenTheirCreatorClosedTheListener() throws Exception {
        String program = String.join("\n",
                "import os, select, socket",
                "r, w = os.pipe()",
                "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                "workers = []",
                "for i in range(2):",
                "    pid = os.fork()",
                "    if pid == 0:",
                "        os.close(w); select.select([r], [], [], 30); os._exit(0)",
                "    workers.append(pid)",
                "port = s.getsockname()[1]; s.close()",
                "print(port, *workers, flush=True)",
                "select.select([], [], [], 30)");
        try (var creator = ChildProcess.start(List.of("python3", "-c", program))) {
            String[] fields = creator.firstLine().trim().split(" ");
            JsonNode socket = onlyListener(Integer.parseInt(fields[0]));
            assertThat(pids(socket)).containsExactlyInAnyOrder(Long.parseLong(fields[1]), Long.parseLong(fields[2]));
        }
    }

    @Test
    void aListenerPassedToASiblingBySCM_RIGHTSListsBoth() throws Exception {
        String program = String.join("\n",
                "import os, select, socket",
                "r, w = os.pipe(); pr, pw = os.pipe()",
                "a, b = socket.socketpair()",
                "receiver = os.fork()",
                "if receiver == 0:",
                "    os.close(w); a.close()",
                "    socket.recv_fds(b, 16, 1); b.sendall(b'k')",
                "    select.select([r], [], [], 30); os._exit(0)",
                "sender = os.fork()",
                "if sender == 0:",
                "    os.close(w); b.close()",
                "    s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                "    socket.send_fds(a, [b'x'], [s.fileno()]); a.recv(1)",
                "    os.write(pw, b'%d\\n' % s.getsockname()[1])",
                "    select.select([r], [], [], 30); os._exit(0)",
                "a.close(); b.close()",
                "port = os.read(pr, 32).split()[0].decode()",
                "print(port, sender, receiver, flush=True)",
                "select.select([], [], [], 30)");
        try (var parent = ChildProcess.start(List.of("python3", "-c", program))) {
            String[] fields = parent.firstLine().trim().split(" ");
            JsonNode socket = onlyListener(Integer.parseInt(fields[0]));
            assertThat(pids(socket)).containsExactlyInAnyOrder(Long.parseLong(fields[1]), Long.parseLong(fields[2]));
        }
    }
}
