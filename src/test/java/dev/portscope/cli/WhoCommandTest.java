package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code portscope who} against listeners of real child processes. */
@Tag("live")
class WhoCommandTest {

    /** Runs portscope on this machine's platform; {@code PortableWhoCommandTest} runs the same tests on the portable one. */
    CliRun run(String... args) {
        return CliRun.run(args);
    }

    /** Listens on TCP and UDP, IPv4 and IPv6, then forks: every socket is shared by parent and child. */
    private static final String SERVER = String.join("\n",
            "import os, socket, sys, time",
            "def bound(family, kind, address):",
            "    s = socket.socket(family, kind); s.bind((address, 0))",
            "    if kind == socket.SOCK_STREAM: s.listen()",
            "    return s",
            "socks = [bound(socket.AF_INET, socket.SOCK_STREAM, '127.0.0.1'), bound(socket.AF_INET6, socket.SOCK_STREAM, '::1'),",
            "         bound(socket.AF_INET, socket.SOCK_DGRAM, '127.0.0.1'), bound(socket.AF_INET6, socket.SOCK_DGRAM, '::1')]",
            "child = os.fork()",
            "if child == 0:",
            "    time.sleep(60); os._exit(0)",
            "print(child, *[s.getsockname()[1] for s in socks], flush=True)",
            "time.sleep(60)");

    private static List<Long> pids(JsonNode holding) {
        List<Long> pids = new ArrayList<>();
        holding.get("processes").forEach(p -> pids.add(p.get("pid").asLong()));
        return pids;
    }

    @Test
    void namesEveryHolderOfEachKindOfSocket() throws Exception {
        try (var server = ChildProcess.start(List.of("python3", "-c", SERVER + "\n# portscope-who-test"))) {
            String[] f = server.firstLine().trim().split(" ");
            long child = Long.parseLong(f[0]);
            String[][] cases = {{f[1] + "/tcp", "127.0.0.1"}, {f[2] + "/tcp", "::1"}, {f[3] + "/udp", "127.0.0.1"}, {f[4] + "/udp", "::1"}};
            for (String[] c : cases) {
                CliRun run = run("who", c[0], "--json");
                assertThat(run.exitCode()).as(run.err()).isZero();
                JsonNode listener = run.json().get("holdings").get(0);
                assertThat(listener.get("role").asText()).as(c[0]).isEqualTo("listener");
                assertThat(listener.get("socket").get("local").get("address").asText()).isEqualTo(c[1]);
                assertThat(pids(listener)).as(c[0]).containsExactlyInAnyOrder(server.pid(), child);
                JsonNode parent = listener.get("processes").get(pids(listener).indexOf(server.pid()));
                assertThat(parent.get("commandLine").toString()).contains("portscope-who-test");
                assertThat(parent.get("parentPid").asLong()).isEqualTo(ProcessHandle.current().pid());
                assertThat(parent.get("uptimeSeconds").asLong()).isBetween(0L, 600L);
            }
            CliRun text = run("who", f[1] + "/tcp");
            assertThat(text.out()).startsWith("Port " + f[1] + "/tcp is held on this machine.")
                    .contains("Listening:")
                    .contains("(pid " + server.pid() + ", parent " + ProcessHandle.current().pid() + ")")
                    .contains("(pid " + child + ", parent " + server.pid() + ")")
                    .contains("command: ");
        }
    }

    @Test
    void aFreePortExitsOne() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CliRun run = run("who", Integer.toString(port) + "/udp");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.out()).startsWith("Nothing holds port " + port + "/udp on this machine.");
    }

    @Test
    void aClientsEphemeralPortIsLabelledAsAClient() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            var server = sockets.listen("127.0.0.1");
            var pair = sockets.connectedPair(server);
            int clientPort = LoopbackSockets.port(pair[0]);

            CliRun run = run("who", clientPort + "/tcp", "--json");
            JsonNode holdings = run.json().get("holdings");
            List<String> roles = new ArrayList<>();
            holdings.forEach(h -> roles.add(h.get("role").asText()));
            assertThat(roles).contains("client-local-port").doesNotContain("listener", "accepted");
            // the server's accepted socket has the client's port as its remote port: it is no connection to that port
            assertThat(roles).contains("peer-of-client").doesNotContain("connected-to-port");
            assertThat(run("who", clientPort + "/tcp").out()).contains("not servers")
                    .contains("Server side of connections from clients whose own port this is")
                    .doesNotContain("this machine is the client");
        }
    }

    @Test
    void badPortsAreUsageErrors() {
        CliRun run = run("who", "65536");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).isEqualTo("portscope: port out of range (0-65535): '65536'");
    }
}
