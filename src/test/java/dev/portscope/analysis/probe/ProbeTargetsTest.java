package dev.portscope.analysis.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.OwnerIndex;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which address each listener is probed through, on hand-built snapshots. */
class ProbeTargetsTest {

    private static Socket socket(Protocol protocol, IpFamily family, String address, int port, SocketState state, long inode) {
        return new Socket(protocol, family, new Endpoint(InetAddress.ofLiteral(address), port),
                new Endpoint(InetAddress.ofLiteral(family == IpFamily.IPV4 ? "0.0.0.0" : "::"), 0), state, 0, inode, 0, 0, null, null);
    }

    @Test
    void oneTargetPerTcpListenerThroughAnAddressItIsBoundTo() {
        ProcessInfo nginx = new ProcessInfo(10, 1, "nginx", List.of(), 0, "root", null);
        ProcessInfo sshd = new ProcessInfo(20, 1, "sshd", List.of(), 0, "root", null);
        List<Socket> sockets = List.of(
                socket(Protocol.TCP, IpFamily.IPV6, "::", 80, SocketState.LISTEN, 1),
                socket(Protocol.TCP, IpFamily.IPV4, "0.0.0.0", 80, SocketState.LISTEN, 2),
                socket(Protocol.TCP, IpFamily.IPV6, "::", 22, SocketState.LISTEN, 3),
                socket(Protocol.TCP, IpFamily.IPV4, "10.1.2.3", 8080, SocketState.LISTEN, 4),
                socket(Protocol.TCP, IpFamily.IPV4, "127.0.0.1", 5000, SocketState.ESTABLISHED, 5),
                socket(Protocol.UDP, IpFamily.IPV4, "0.0.0.0", 53, SocketState.CLOSE, 6));
        OwnerIndex owners = new OwnerIndex.Builder().add(1, 10).add(2, 10).add(3, 20).build();
        Snapshot snapshot = new Snapshot(Instant.EPOCH, "h", sockets, Map.of(10, nginx, 20, sshd), owners, List.of());

        List<ProbeTarget> targets = ProbeTargets.of(snapshot);

        assertThat(targets).extracting(ProbeTarget::address).containsExactly(
                new InetSocketAddress(InetAddress.ofLiteral("::1"), 22),
                new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 80),
                new InetSocketAddress(InetAddress.ofLiteral("10.1.2.3"), 8080));
        assertThat(targets.get(0).servedBy()).isEqualTo("sshd");
        assertThat(targets.get(1).owners()).containsExactly(nginx); // both sockets of port 80, one process
        assertThat(targets.get(2).owners()).isEmpty();
        assertThat(targets.get(2).servedBy()).isEmpty();

        List<ProbeTarget> withDns = ProbeTargets.of(snapshot, (protocol, port) -> protocol == Protocol.TCP || port == 53);
        assertThat(withDns).hasSize(4);
        assertThat(withDns.getLast().protocol()).isEqualTo(Protocol.UDP);
        assertThat(withDns.getLast().address()).isEqualTo(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 53));
    }

    @Test
    void aWildcardIsProbedThroughTheLoopbackOfTheFamilyItTakes() {
        Snapshot snapshot = new Snapshot(Instant.EPOCH, "h", List.of(
                socket(Protocol.TCP, IpFamily.IPV6, "::ffff:0.0.0.0", 9000, SocketState.LISTEN, 1), // every IPv4 address, no IPv6 one
                new Socket(Protocol.TCP, IpFamily.IPV6, new Endpoint(InetAddress.ofLiteral("::"), 9001),
                        new Endpoint(InetAddress.ofLiteral("::"), 0), SocketState.LISTEN, 0, 2, 0, 0, true, null)),
                Map.of(), OwnerIndex.empty(), List.of());
        assertThat(ProbeTargets.of(snapshot)).extracting(ProbeTarget::address).containsExactly(
                new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 9000),
                new InetSocketAddress(InetAddress.ofLiteral("::1"), 9001));
    }

    @Test
    void excludedPortsAreKeptApartWhateverTheProtocol() {
        List<Socket> sockets = List.of(
                socket(Protocol.TCP, IpFamily.IPV4, "0.0.0.0", 22, SocketState.LISTEN, 1),
                socket(Protocol.TCP, IpFamily.IPV6, "::", 2024, SocketState.LISTEN, 2),
                socket(Protocol.TCP, IpFamily.IPV4, "127.0.0.1", 6005, SocketState.LISTEN, 3),
                socket(Protocol.TCP, IpFamily.IPV4, "127.0.0.1", 6011, SocketState.LISTEN, 4),
                socket(Protocol.UDP, IpFamily.IPV4, "0.0.0.0", 6001, SocketState.CLOSE, 5));
        Snapshot snapshot = new Snapshot(Instant.EPOCH, "h", sockets, Map.of(), OwnerIndex.empty(), List.of());

        ProbeTargets.Selection selection = ProbeTargets.select(snapshot, (protocol, port) -> true, ExcludedPorts.parse("2024,6000-6010"));

        assertThat(selection.probed()).extracting(t -> t.port() + "/" + t.protocol().label()).containsExactly("22/tcp", "6011/tcp");
        assertThat(selection.excluded()).extracting(t -> t.port() + "/" + t.protocol().label())
                .containsExactly("2024/tcp", "6005/tcp", "6001/udp");
        assertThat(ProbeTargets.select(snapshot, (protocol, port) -> true, ExcludedPorts.none()).excluded()).isEmpty();
    }
}
