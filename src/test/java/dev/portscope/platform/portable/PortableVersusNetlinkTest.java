package dev.portscope.platform.portable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portscope.model.AddressText;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.platform.Backend;
import dev.portscope.platform.BackendCapabilities;
import dev.portscope.platform.Capability;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import dev.portscope.platform.Platform;
import dev.portscope.platform.Platforms;
import dev.portscope.query.SocketQuery;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The portable backend (OSHI) and the native one (netlink) on the same live machine: for this test's
 * own sockets they agree on protocol, ends, state, queues and pid, apart from what the portable
 * backend's capability table declares missing; over the whole table they differ by churn only.
 */
@Tag("live")
class PortableVersusNetlinkTest {

    private static final Platform LINUX = Platforms.live();
    private static final long SELF = ProcessHandle.current().pid();

    @BeforeAll
    static void needsLinuxWithNetlink() {
        assumeTrue(LINUX.name().equals("linux"), "a Linux machine");
        assumeTrue(LINUX.backendNames().contains("netlink"));
    }

    @Test
    void ownSocketsAgreeOnEveryFieldThePortableBackendFills() throws IOException {
        Backend netlink = LINUX.backend("netlink", false);
        Backend portable = LINUX.backend("portable", false);
        BackendCapabilities declared = LINUX.capabilitiesOf("portable").orElseThrow();
        try (Own own = new Own()) {
            Set<String> byNetlink = own.rows(netlink, declared);
            Set<String> byPortable = own.rows(portable, declared);
            assertThat(byPortable).as("portable").containsExactlyInAnyOrderElementsOf(byNetlink);
            // listener v4 and v6, client, accepted, UDP bound and connected; the bound-only socket is left out
            assertThat(byNetlink).hasSize(own.expected() - (declared.has(Capability.BOUND_STATE) ? 0 : 1));
            assertThat(byNetlink).allMatch(row -> row.endsWith(" pid " + SELF));
        }
    }

    @Test
    void theBoundSocketTheTableDeclaresMissingIsMissing() throws IOException {
        BackendCapabilities declared = LINUX.capabilitiesOf("portable").orElseThrow();
        assumeTrue(!declared.has(Capability.BOUND_STATE));
        try (SocketChannel bound = SocketChannel.open(StandardProtocolFamily.INET)) {
            bound.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
            int port = ((InetSocketAddress) bound.getLocalAddress()).getPort();
            List<Socket> portable = scan(LINUX.backend("portable", false));
            assertThat(portable).noneMatch(s -> s.protocol() == Protocol.TCP && s.local().port() == port);
            assertThat(scan(LINUX.backend("netlink", false))).anyMatch(s -> s.protocol() == Protocol.TCP && s.local().port() == port);
        }
    }

    @Test
    void overTheWholeTableTheyDifferByChurnOnly() {
        Backend netlink = LINUX.backend("netlink", false);
        Backend portable = LINUX.backend("portable", false);
        Set<String> onlyPortable = Set.of();
        Set<String> onlyNetlink = Set.of();
        int size = 0;
        for (int attempt = 0; attempt < 3; attempt++) { // a burst of another program's sockets gets three tries
            Set<String> first = tuples(scan(netlink));
            Set<String> byPortable = tuples(scan(portable));
            Set<String> second = tuples(scan(netlink));
            onlyPortable = new TreeSet<>(byPortable);
            onlyPortable.removeAll(first);
            onlyPortable.removeAll(second);
            Set<String> stable = new HashSet<>(first);
            stable.retainAll(second);
            stable.removeIf(t -> t.contains(" BOUND_INACTIVE ") || t.startsWith("TCP") && t.contains(" CLOSE ")); // /proc/net has no bound sockets
            onlyNetlink = new TreeSet<>(stable);
            onlyNetlink.removeAll(byPortable);
            size = byPortable.size();
            if (onlyPortable.size() <= allowed(size) && onlyNetlink.size() <= allowed(size)) {
                break;
            }
        }
        assertThat(onlyPortable).as("seen by the portable backend only (of %d)", size).hasSizeLessThanOrEqualTo(allowed(size));
        assertThat(onlyNetlink).as("seen by both netlink scans only (of %d)", size).hasSizeLessThanOrEqualTo(allowed(size));
    }

    private static int allowed(int size) {
        return 10 + size / 100;
    }

    private static List<Socket> scan(Backend backend) {
        List<Socket> sockets = new ArrayList<>();
        backend.sockets().scan(SocketQuery.all(), new DiagnosticLog(), sockets::add);
        return sockets;
    }

    /** Protocol, ends and state: what both backends report for every socket. */
    private static Set<String> tuples(List<Socket> sockets) {
        return sockets.stream().map(s -> s.protocol() + " " + AddressText.local(s) + " " + AddressText.endpoint(s.remote(), s.family())
                + " " + s.state() + " ").collect(Collectors.toSet());
    }

    /** The test's own loopback sockets. */
    private static final class Own implements AutoCloseable {
        private final List<AutoCloseable> channels = new ArrayList<>();
        private final Set<Integer> ports = new HashSet<>();

        Own() throws IOException {
            InetAddress v4 = InetAddress.ofLiteral("127.0.0.1");
            ServerSocketChannel listen4 = keep(ServerSocketChannel.open(StandardProtocolFamily.INET)).bind(new InetSocketAddress(v4, 0));
            keep(ServerSocketChannel.open(StandardProtocolFamily.INET6)).bind(new InetSocketAddress(InetAddress.ofLiteral("::1"), 0));
            SocketChannel client = keep(SocketChannel.open(StandardProtocolFamily.INET));
            client.connect(listen4.getLocalAddress());
            keep(listen4.accept());
            DatagramChannel unconnected = keep(DatagramChannel.open(StandardProtocolFamily.INET)).bind(new InetSocketAddress(v4, 0));
            keep(DatagramChannel.open(StandardProtocolFamily.INET)).bind(new InetSocketAddress(v4, 0)).connect(unconnected.getLocalAddress());
            keep(SocketChannel.open(StandardProtocolFamily.INET)).bind(new InetSocketAddress(v4, 0)); // bound, not listening
        }

        int expected() {
            return 7;
        }

        private <T extends java.nio.channels.NetworkChannel> T keep(T channel) throws IOException {
            channels.add(channel);
            return channel;
        }

        /** Our sockets as one line each, with the fields the portable backend fills, and their pids. */
        Set<String> rows(Backend backend, BackendCapabilities declared) throws IOException {
            for (AutoCloseable c : channels) {
                ports.add(((InetSocketAddress) ((java.nio.channels.NetworkChannel) c).getLocalAddress()).getPort());
            }
            List<Socket> ours = scan(backend).stream()
                    .filter(s -> ports.contains(s.local().port()) && s.local().address().isLoopbackAddress())
                    .filter(s -> declared.has(Capability.BOUND_STATE) || s.state() != SocketState.BOUND_INACTIVE && !(s.protocol() == Protocol.TCP && s.state() == SocketState.CLOSE))
                    .toList();
            OwnerScan owners = backend.processes().scanOwners(null, new DiagnosticLog());
            Set<String> rows = new HashSet<>();
            for (Socket s : ours) {
                String pids = java.util.Arrays.stream(owners.owners().pidsOf(s.key())).sorted().mapToObj(String::valueOf)
                        .collect(Collectors.joining(","));
                rows.add(s.protocol() + " " + s.family() + " " + AddressText.local(s) + " -> " + AddressText.endpoint(s.remote(), s.family())
                        + " " + s.state() + (declared.has(Capability.QUEUES) ? " recv-q " + s.receiveQueue() : "")
                        + (declared.has(Capability.QUEUES) && (declared.has(Capability.BACKLOG) || s.state() != SocketState.LISTEN)
                                ? " send-q " + s.sendQueue() : "")
                        + (declared.has(Capability.SOCKET_UID) ? " uid " + s.uid() : "") + " pid " + pids);
            }
            return rows;
        }

        @Override
        public void close() {
            for (AutoCloseable channel : channels.reversed()) {
                try {
                    channel.close();
                } catch (Exception e) {
                    // closing a test's loopback sockets: nothing to do about a failure
                }
            }
        }
    }
}
