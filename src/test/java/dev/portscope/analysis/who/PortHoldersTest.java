package dev.portscope.analysis.who;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.OwnerIndex;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.query.PortTarget;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortHoldersTest {

    private static Socket tcp(String local, int localPort, String remote, int remotePort, SocketState state) throws Exception {
        return new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(InetAddress.getByName(local), localPort),
                new Endpoint(InetAddress.getByName(remote), remotePort), state, 0, 1, 0, 0, null, null);
    }

    private static PortReport report(int port, Socket... sockets) {
        Snapshot snapshot = new Snapshot(Instant.EPOCH, "h", List.of(sockets), Map.of(), OwnerIndex.empty(), List.of());
        return PortHolders.analyze(snapshot, new PortTarget(port, Optional.empty(), Optional.empty()));
    }

    /** Each socket is judged against the listeners of its own port: 200,000 clients of one port with no listener once took minutes. */
    @Test
    @org.junit.jupiter.api.Timeout(30)
    void manySocketsOnThePortWithNoListenerAreSortedInLinearTime() throws Exception {
        java.net.InetAddress local = InetAddress.getByName("10.0.0.1");
        Socket[] clients = new Socket[200_000];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(local, 8080),
                    new Endpoint(InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >> 8), (byte) i}), 443), SocketState.ESTABLISHED,
                    0, i + 1, 0, 0, null, null);
        }
        PortReport r = report(8080, clients);
        assertThat(r.holdings()).hasSize(200_000).allMatch(h -> h.role() == HoldingRole.CLIENT_LOCAL_PORT);
    }

    @Test
    void serverSideOrderAndLabels() throws Exception {
        PortReport r = report(8080,
                tcp("10.0.0.1", 51000, "10.0.0.9", 8080, SocketState.ESTABLISHED),
                tcp("127.0.0.1", 8080, "127.0.0.1", 40000, SocketState.ESTABLISHED),
                tcp("0.0.0.0", 8080, "0.0.0.0", 0, SocketState.LISTEN));
        assertThat(r.holdings()).extracting(Holding::role)
                .containsExactly(HoldingRole.LISTENER, HoldingRole.ACCEPTED, HoldingRole.CONNECTED_TO_PORT);
        assertThat(r.held()).isTrue();
    }

    @Test
    void aClientWhoseEphemeralPortIsThePortIsNeverAServer() throws Exception {
        PortReport r = report(8080, tcp("192.168.1.5", 8080, "93.184.216.34", 443, SocketState.ESTABLISHED));
        assertThat(r.holdings()).extracting(Holding::role).containsExactly(HoldingRole.CLIENT_LOCAL_PORT);
        assertThat(r.inRole(HoldingRole.LISTENER)).isEmpty();
    }

    @Test
    void theServerSideOfAClientsConnectionIsNotAConnectionToTheClientsPort() throws Exception {
        PortReport r = report(50000,
                tcp("127.0.0.1", 8080, "0.0.0.0", 0, SocketState.LISTEN),
                tcp("127.0.0.1", 50000, "127.0.0.1", 8080, SocketState.ESTABLISHED),   // the client
                tcp("127.0.0.1", 8080, "127.0.0.1", 50000, SocketState.ESTABLISHED));  // the server's accepted socket
        assertThat(r.holdings()).extracting(Holding::role)
                .containsExactly(HoldingRole.CLIENT_LOCAL_PORT, HoldingRole.PEER_OF_CLIENT);
        assertThat(r.held()).as("by the client").isTrue();
    }

    @Test
    void aRemoteClientsPortIsNotHeldHere() throws Exception {
        PortReport r = report(50000,
                tcp("0.0.0.0", 22, "0.0.0.0", 0, SocketState.LISTEN),
                tcp("10.0.0.1", 22, "203.0.113.5", 50000, SocketState.ESTABLISHED));
        assertThat(r.holdings()).extracting(Holding::role).containsExactly(HoldingRole.PEER_OF_CLIENT);
        assertThat(r.held()).isFalse();
    }

    @Test
    void onlyConnectionsToAPeerDoNotHoldThePort() throws Exception {
        PortReport r = report(5432, tcp("10.0.0.1", 51000, "10.0.0.9", 5432, SocketState.ESTABLISHED));
        assertThat(r.held()).isFalse();
        assertThat(r.holdings()).hasSize(1);
    }

    @Test
    void boundButNotListening() throws Exception {
        PortReport r = report(9000, tcp("127.0.0.1", 9000, "0.0.0.0", 0, SocketState.CLOSE));
        assertThat(r.holdings()).extracting(Holding::role).containsExactly(HoldingRole.BOUND);
        assertThat(r.held()).isTrue();
    }

    private static Socket listener6(String local, Boolean v6Only) throws Exception {
        return new Socket(Protocol.TCP, IpFamily.IPV6, new Endpoint(InetAddress.getByName(local), 8080),
                new Endpoint(InetAddress.getByName("::"), 0), SocketState.LISTEN, 0, 1, 0, 0, v6Only, null);
    }

    private static PortReport at(String address, Socket... sockets) throws Exception {
        Snapshot snapshot = new Snapshot(Instant.EPOCH, "h", List.of(sockets), Map.of(), OwnerIndex.empty(), List.of());
        return PortHolders.analyze(snapshot, new PortTarget(8080, Optional.empty(), Optional.of(InetAddress.getByName(address))));
    }

    @Test
    void anIpv6WildcardHoldsAnIpv4AddressOnlyWithoutV6Only() throws Exception {
        assertThat(at("127.0.0.1", listener6("::", true)).held()).as("IPV6_V6ONLY=1").isFalse();
        assertThat(at("127.0.0.1", listener6("::", true)).holdings()).isEmpty();
        assertThat(at("::1", listener6("::", true)).held()).isTrue();
        assertThat(at("127.0.0.1", listener6("::", false)).held()).as("dual-stack").isTrue();
        PortReport unknown = at("127.0.0.1", listener6("::", null));
        assertThat(unknown.held()).as("IPV6_V6ONLY not reported").isFalse();
        assertThat(unknown.maybeHeld()).isTrue();
        assertThat(unknown.holdings()).singleElement().satisfies(h -> assertThat(h.certain()).isFalse());
        assertThat(at("::1", listener6("::", null)).held()).isTrue();
    }

    @Test
    void theMappedWildcardHoldsEveryIpv4AddressAndNoIpv6One() throws Exception {
        Socket mapped = listener6("::ffff:0.0.0.0", false);
        assertThat(at("::1", mapped).held()).isFalse();
        assertThat(at("::1", mapped).maybeHeld()).isFalse();
        assertThat(at("10.0.0.1", mapped).held()).isTrue();
    }

    @Test
    void anIpv4WildcardDoesNotHoldAnIpv6Address() throws Exception {
        assertThat(at("::1", tcp("0.0.0.0", 8080, "0.0.0.0", 0, SocketState.LISTEN)).held()).isFalse();
    }

    @Test
    void anAddressNarrowsButAWildcardListenerStillHoldsIt() throws Exception {
        Socket wildcard = tcp("0.0.0.0", 8080, "0.0.0.0", 0, SocketState.LISTEN);
        Socket other = tcp("10.0.0.2", 8080, "0.0.0.0", 0, SocketState.LISTEN);
        Snapshot snapshot = new Snapshot(Instant.EPOCH, "h", List.of(wildcard, other), Map.of(), OwnerIndex.empty(), List.of());
        PortReport r = PortHolders.analyze(snapshot,
                new PortTarget(8080, Optional.empty(), Optional.of(InetAddress.getByName("10.0.0.1"))));
        assertThat(r.holdings()).extracting(Holding::socket).containsExactly(wildcard);
    }

    private static Socket socket(Protocol protocol, String local, int localPort, String remote, int remotePort, SocketState state)
            throws Exception {
        InetAddress address = InetAddress.getByName(local);
        IpFamily family = address instanceof java.net.Inet6Address ? IpFamily.IPV6 : IpFamily.IPV4;
        return new Socket(protocol, family, new Endpoint(address, localPort),
                new Endpoint(InetAddress.getByName(remote), remotePort), state, 0, 1, 0, 0, null, null);
    }

    @Test
    void aClientBoundToThePortOnAnotherAddressThanTheListenerIsNotAServer() throws Exception {
        PortReport r = report(8080,
                tcp("127.0.0.1", 8080, "0.0.0.0", 0, SocketState.LISTEN),
                tcp("127.0.0.2", 8080, "127.0.0.1", 5432, SocketState.ESTABLISHED),
                tcp("127.0.0.1", 8080, "127.0.0.9", 40000, SocketState.ESTABLISHED));
        assertThat(r.holdings()).extracting(h -> h.socket().local().address().getHostAddress() + " " + h.role())
                .containsExactly("127.0.0.1 LISTENER", "127.0.0.1 ACCEPTED", "127.0.0.2 CLIENT_LOCAL_PORT");
    }

    @Test
    void aWildcardListenerServesOnlyConnectionsOfItsOwnFamily() throws Exception {
        PortReport r = report(8080,
                tcp("0.0.0.0", 8080, "0.0.0.0", 0, SocketState.LISTEN),
                tcp("10.0.0.1", 8080, "10.0.0.9", 40000, SocketState.ESTABLISHED),
                socket(Protocol.TCP, "::1", 8080, "::1", 443, SocketState.ESTABLISHED));
        assertThat(r.holdings()).extracting(h -> h.socket().local().address().getHostAddress() + " " + h.role())
                .containsExactly("0.0.0.0 LISTENER", "10.0.0.1 ACCEPTED", "0:0:0:0:0:0:0:1 CLIENT_LOCAL_PORT");
    }

    @Test
    void aConnectedUdpSocketOnThePortIsAClientEvenBesideAUdpServer() throws Exception {
        PortReport r = report(5353,
                socket(Protocol.UDP, "0.0.0.0", 5353, "0.0.0.0", 0, SocketState.CLOSE),
                socket(Protocol.UDP, "10.0.0.1", 5353, "10.0.0.9", 53, SocketState.ESTABLISHED));
        assertThat(r.holdings()).extracting(Holding::role).containsExactly(HoldingRole.LISTENER, HoldingRole.CLIENT_LOCAL_PORT);
    }
}
