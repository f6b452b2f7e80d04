package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Opens real sockets on loopback and requires portscope to find each, with its state and this JVM's pid. */
@Tag("live")
class LiveListingTest {

    /** Runs portscope on this machine's platform; {@code PortableLiveListingTest} runs the same tests on the portable one. */
    CliRun run(String... args) {
        return CliRun.run(args);
    }

    private static final long MY_PID = ProcessHandle.current().pid();

    private static List<JsonNode> sockets(JsonNode listing, Predicate<JsonNode> which) {
        List<JsonNode> found = new ArrayList<>();
        listing.get("sockets").forEach(s -> {
            if (which.test(s)) {
                found.add(s);
            }
        });
        return found;
    }

    private static Predicate<JsonNode> local(String protocol, String address, int port) {
        return s -> s.get("protocol").asText().equals(protocol)
                && s.get("local").get("address").asText().equals(address)
                && s.get("local").get("port").asInt() == port;
    }

    /**
     * One connection by both its ports: a client's port alone is not unique, since the kernel hands
     * the same ephemeral port to connections towards other peers (other programs' connections too).
     */
    private static Predicate<JsonNode> connection(int localPort, int remotePort) {
        return s -> s.get("protocol").asText().equals("tcp") && s.get("local").get("address").asText().equals("127.0.0.1")
                && s.get("local").get("port").asInt() == localPort && s.get("remote").get("port").asInt() == remotePort;
    }

    private static void assertHeldByThisJvm(JsonNode socket) {
        List<Long> pids = new ArrayList<>();
        socket.get("processes").forEach(p -> pids.add(p.get("pid").asLong()));
        assertThat(pids).as("owners of %s", socket).contains(MY_PID);
        JsonNode me = socket.get("processes").get(pids.indexOf(MY_PID));
        assertThat(me.get("name").asText()).isEqualTo("java");
        assertThat(me.get("commandLine").get(0).asText()).endsWith("java");
        assertThat(me.get("user").asText()).isNotEmpty();
        assertThat(me.get("startTime").asText()).isNotEmpty();
    }

    @Test
    void listenersOnIpv4AndIpv6LoopbackAreFoundWithTheirProcess() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int v4 = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            int v6 = LoopbackSockets.port(sockets.listen("::1"));
            int udp = LoopbackSockets.port(sockets.udp("127.0.0.1"));

            CliRun run = run("listen", "--json");
            assertThat(run.exitCode()).as(run.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
            JsonNode listing = run.json();
            assertThat(listing.get("version").asInt()).isEqualTo(1);
            assertThat(listing.get("view").asText()).isEqualTo("listening");

            JsonNode tcp4 = sockets(listing, local("tcp", "127.0.0.1", v4)).getFirst();
            assertThat(tcp4.get("state").asText()).isEqualTo("LISTEN");
            assertThat(tcp4.get("family").asText()).isEqualTo("ipv4");
            assertThat(tcp4.get("exposure").asText()).isEqualTo("loopback");
            assertHeldByThisJvm(tcp4);

            JsonNode tcp6 = sockets(listing, local("tcp", "::1", v6)).getFirst();
            assertThat(tcp6.get("family").asText()).isEqualTo("ipv6");
            assertThat(tcp6.get("exposure").asText()).isEqualTo("loopback");
            assertHeldByThisJvm(tcp6);

            JsonNode udp4 = sockets(listing, local("udp", "127.0.0.1", udp)).getFirst();
            assertThat(udp4.get("state").asText()).isEqualTo("CLOSE");
            assertThat(udp4.get("listening").asBoolean()).isTrue();
            assertHeldByThisJvm(udp4);
        }
    }

    @Test
    void connectionsAreFoundInTheirStates() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            int serverPort = LoopbackSockets.port(server);
            var established = sockets.connectedPair(server);
            int clientPort = LoopbackSockets.port(established[0]);
            int[] closeWait = sockets.closeWaitPair(server);

            boolean settled = LoopbackSockets.eventually(Duration.ofSeconds(5), () -> {
                JsonNode listing = run("conns", "--json", "-t").json();
                return sockets(listing, s -> s.get("local").get("port").asInt() == serverPort
                                && s.get("remote").get("port").asInt() == closeWait[1]
                                && s.get("state").asText().equals("CLOSE_WAIT"))
                        .size() == 1;
            });
            assertThat(settled).as("the accepted side reaches CLOSE_WAIT").isTrue();

            JsonNode listing = run("conns", "--json", "-t").json();
            JsonNode client = sockets(listing, connection(clientPort, serverPort)).getFirst();
            assertThat(client.get("state").asText()).isEqualTo("ESTABLISHED");
            assertThat(client.get("remote").get("port").asInt()).isEqualTo(serverPort);
            assertHeldByThisJvm(client);

            JsonNode accepted = sockets(listing, s -> s.get("local").get("port").asInt() == serverPort
                            && s.get("remote").get("port").asInt() == clientPort)
                    .getFirst();
            assertThat(accepted.get("state").asText()).isEqualTo("ESTABLISHED");
            assertHeldByThisJvm(accepted);

            JsonNode waiting = sockets(listing, connection(serverPort, closeWait[1])).getFirst();
            assertThat(waiting.get("state").asText()).isEqualTo("CLOSE_WAIT");
            assertHeldByThisJvm(waiting);

            JsonNode closing = sockets(listing, connection(closeWait[1], serverPort)).getFirst();
            assertThat(closing.get("state").asText()).isEqualTo("FIN_WAIT2");

            // the listener itself is not a connection
            assertThat(sockets(listing, s -> s.get("state").asText().equals("LISTEN"))).isEmpty();

            // --state narrows to one state
            JsonNode onlyCloseWait = run("conns", "--json", "--state", "close-wait").json();
            assertThat(sockets(onlyCloseWait, s -> !s.get("state").asText().equals("CLOSE_WAIT"))).isEmpty();
            assertThat(sockets(onlyCloseWait, connection(serverPort, closeWait[1]))).hasSize(1);
        }
    }

    @Test
    void tableAndCsvShowTheSameSocket() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            String pid = Long.toString(MY_PID);

            CliRun table = run("listen", "-t");
            assertThat(table.out().lines().findFirst().orElseThrow())
                    .matches("PROTO +ADDRESS +PORT +SERVICE +EXPOSURE +PID +PROCESS +USER +UID")
                    .doesNotContain("\u001b[");
            // only this test's row: other processes' rows show whatever names they gave themselves
            assertThat(table.out().lines().filter(l -> l.matches("tcp +127\\.0\\.0\\.1 +" + port + " .*")))
                    .singleElement()
                    .satisfies(l -> assertThat(l).contains("loopback").contains(pid).contains("java").doesNotContain("\u001b["));

            CliRun csv = run("listen", "-t", "--csv");
            assertThat(csv.out().lines().findFirst().orElseThrow()).isEqualTo("proto,address,port,service,exposure,pid,process,user,uid");
            assertThat(csv.out().lines().filter(l -> l.startsWith("tcp,127.0.0.1," + port + ",")))
                    .singleElement()
                    .satisfies(l -> assertThat(l).contains(",loopback," + pid + ",java,"));

            CliRun noHeader = run("listen", "-t", "--no-header", "-n", "--no-process");
            assertThat(noHeader.out()).doesNotContain("PROTO").doesNotContain(" java ");
            assertThat(noHeader.out().lines().filter(l -> l.matches("tcp +127\\.0\\.0\\.1 +" + port + " +loopback +0")))
                    .hasSize(1);
        }
    }

    @Test
    void protocolAndFamilyFlagsSelect() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int tcp6 = LoopbackSockets.port(sockets.listen("::1"));
            int udp4 = LoopbackSockets.port(sockets.udp("127.0.0.1"));
            JsonNode onlyUdp = run("-u", "--json").json();
            assertThat(sockets(onlyUdp, s -> !s.get("protocol").asText().equals("udp"))).isEmpty();
            assertThat(sockets(onlyUdp, local("udp", "127.0.0.1", udp4))).hasSize(1);

            JsonNode only6 = run("listen", "-6", "-t", "--json").json();
            assertThat(sockets(only6, s -> !s.get("family").asText().equals("ipv6"))).isEmpty();
            assertThat(sockets(only6, local("tcp", "::1", tcp6))).hasSize(1);
        }
    }
}
