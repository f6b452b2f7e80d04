package dev.portscope.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The library on this machine's own loopback sockets: each answer names the test's sockets and the
 * test's process, and agrees with the command that answers the same question.
 */
@Tag("live")
class PortScopeLiveTest {

    private static final long SELF = ProcessHandle.current().pid();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final PortScope scope = PortScope.local();

    private static List<Long> pids(List<Owner> owners) {
        return owners.stream().map(o -> (long) o.pid()).toList();
    }

    @Test
    void listenersIncludeOwnListenerWithThisProcessAsOwner() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            Listing listing = scope.listeners();
            List<SocketEntry> mine = listing.sockets().stream().filter(s -> s.local().getPort() == port).toList();
            assertThat(mine).hasSize(1);
            SocketEntry listener = mine.getFirst();
            assertThat(listener.transport()).isEqualTo(Transport.TCP);
            assertThat(listener.state()).isEqualTo(ConnectionState.LISTEN);
            assertThat(listener.listening()).isTrue();
            assertThat(listener.local()).isEqualTo(new InetSocketAddress(LOOPBACK, port));
            assertThat(pids(listener.owners())).contains(SELF);
            assertThat(listing.sockets()).allMatch(SocketEntry::listening);
        }
    }

    @Test
    void connectionsFollowTheSsFilter() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            SocketChannel[] pair = sockets.connectedPair(server);
            int clientPort = LoopbackSockets.port(pair[0]);
            Listing toServer = scope.connections(ConnectionQuery.filter("state established dport = :" + port));
            assertThat(toServer.sockets()).extracting(s -> s.local().getPort()).containsExactly(clientPort);
            assertThat(pids(toServer.sockets().getFirst().owners())).contains(SELF);
            Listing both = scope.connections(ConnectionQuery.filter("sport = :" + port + " or dport = :" + port).transports(Transport.TCP));
            assertThat(both.sockets()).extracting(s -> s.local().getPort()).containsExactlyInAnyOrder(clientPort, port);
            assertThat(both.sockets()).noneMatch(SocketEntry::listening);
            assertThat(scope.connections(ConnectionQuery.filter("dport = :" + port).transports(Transport.UDP)).sockets()).isEmpty();
        }
    }

    @Test
    void aBadFilterIsAnIllegalArgumentNamingLineAndColumn() {
        assertThatThrownBy(() -> scope.connections(ConnectionQuery.filter("dport = = :80")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filter:1:9:");
    }

    @Test
    void whoNamesThisProcessAsTheCommandDoes() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            PortUsers users = scope.who(port);
            assertThat(users.held()).isTrue();
            assertThat(users.uses().getFirst().role()).isEqualTo(PortRole.LISTENER);
            assertThat(pids(users.owners())).contains(SELF);
            assertThat(scope.who(port + "/tcp").owners()).isEqualTo(users.owners());

            CliRun run = CliRun.run("who", port + "/tcp", "--json");
            List<Long> cliPids = new ArrayList<>();
            for (JsonNode holding : run.json().get("holdings")) {
                holding.get("processes").forEach(p -> cliPids.add(p.get("pid").asLong()));
            }
            assertThat(cliPids).containsExactlyInAnyOrderElementsOf(pids(users.owners()));
            assertThat(scope.who(port + "/udp").held()).isFalse();
        }
    }

    @Test
    void whyBlamesTheListenerAsTheCommandDoesAndFreesThePortWhenItCloses() throws Exception {
        int port;
        try (var sockets = new LoopbackSockets()) {
            port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            BindCheck check = scope.why(port);
            assertThat(check.verdict()).isEqualTo(BindVerdict.BLOCKED);
            assertThat(check.blockers()).first().satisfies(b -> {
                assertThat(b.kind()).isEqualTo("listener");
                assertThat(b.sockets()).extracting(SocketEntry::local).contains(new InetSocketAddress(LOOPBACK, port));
                assertThat(b.sockets().getFirst().owners()).extracting(o -> (long) o.pid()).contains(SELF);
            });
            assertThat(check.nextStep()).isNotBlank();
            assertThat(scope.isFree(port)).isFalse();
            assertThat(scope.isFree(BindQuestion.udp(port))).as("UDP is another table").isTrue();
            JsonNode cli = CliRun.run("why", Integer.toString(port), "--json").json();
            assertThat(cli.get("verdict").asText()).isEqualTo("blocked");
        }
        // a listener that never accepted leaves nothing behind
        assertThat(scope.isFree(port)).isTrue();
        assertThat(scope.why(BindQuestion.tcp(port).on(LOOPBACK)).free()).isTrue();
    }

    @Test
    void freePortIsBindableOutsideTheEphemeralRangeAndReservedPorts() throws Exception {
        // readAllLines: Files.readString was seen to return a truncated value for these procfs files
        String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().trim().split("\\s+");
        int first = Integer.parseInt(range[0]);
        int last = Integer.parseInt(range[1]);
        String reserved = String.join("", Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_reserved_ports"))).trim();
        for (int i = 0; i < 5; i++) {
            int port = scope.freePort();
            assertThat(port).isBetween(1024, 65_535);
            assertThat(port < first || port > last).as("%d outside %d-%d", port, first, last).isTrue();
            if (reserved.isEmpty()) {
                assertThat(scope.isFree(port)).isTrue();
            }
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[4]), port));
                assertThat(scope.who(port).held()).isTrue();
                assertThat(scope.isFree(port)).isFalse();
            }
        }
        int udp = scope.freePort(Transport.UDP, LOOPBACK);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, udp))) {
            assertThat(scope.isFree(BindQuestion.udp(udp).on(LOOPBACK))).isFalse();
        }
    }

    @Test
    void auditsWithTheDefaultRulesOrAPolicy() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            AuditResult defaults = scope.audit(AuditPolicy.defaults());
            // pid 1 may be unreadable even to root here: then the result says it is incomplete, and why
            assertThat(defaults.complete() || !defaults.notes().isEmpty()).isTrue();
            assertThat(defaults.findings()).allSatisfy(f -> assertThat(f.rule()).isNotBlank());
            // a policy that requires a listener nothing provides: PS101, whose finding has no socket
            AuditResult required = scope.audit(AuditPolicy.parse("version: 1\nrequire:\n  - port: " + closedPort(sockets) + "\n", "test"));
            assertThat(required.findings()).anySatisfy(f -> {
                assertThat(f.rule()).isEqualTo("PS101");
                assertThat(f.socket()).isEmpty();
            });
            assertThat(required.worst()).isPresent();
            assertThat(port).isPositive();
        }
    }

    private static int closedPort(LoopbackSockets sockets) throws Exception {
        return sockets.closedPort("127.0.0.1");
    }

    @Test
    void aBadPolicyIsOneLineNamingWhere() {
        assertThatThrownBy(() -> AuditPolicy.parse("version: 1\nallow: 22\n", "ports.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ports.yaml")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> AuditPolicy.read(Path.of("/nonexistent/policy.yaml")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/nonexistent/policy.yaml");
    }
}
