package dev.portscope.platform.linux.netlink;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.platform.SocketEndFeed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Sockets a live test opens and closes on loopback, and what the end feed must say of each: the
 * oracle of {@link SockDiagEndFeedLiveTest}. Plain Java (no test library), so that
 * {@link EndFeedProbe} can use it in a process of its own.
 */
final class OwnEnds {

    static final InetAddress V4 = InetAddress.ofLiteral("127.0.0.1");
    static final InetAddress V6 = InetAddress.ofLiteral("::1");
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private OwnEnds() {}

    /** What a notice must say of a socket the test closed. */
    record Tuple(Protocol protocol, IpFamily family, InetAddress localAddress, int localPort, InetAddress remoteAddress, int remotePort) {
        static Tuple of(Socket s) {
            return new Tuple(s.protocol(), s.family(), s.local().address(), s.local().port(), s.remote().address(), s.remote().port());
        }

        static Tuple of(Protocol protocol, IpFamily family, NetworkChannel channel, InetSocketAddress remote) throws IOException {
            InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
            return new Tuple(protocol, family, local.getAddress(), local.getPort(), remote.getAddress(), remote.getPort());
        }
    }

    /**
     * Opens {@code count} connections to a listener of its own and closes each at once, client
     * first; returns both ends of each, and the listener.
     */
    static List<Tuple> connectAndClose(InetAddress address, int count) throws IOException {
        StandardProtocolFamily pf = address == V4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        IpFamily family = familyOf(address);
        List<Tuple> closed = new ArrayList<>();
        try (ServerSocketChannel listener = ServerSocketChannel.open(pf).bind(new InetSocketAddress(address, 0), count)) {
            InetSocketAddress server = (InetSocketAddress) listener.getLocalAddress();
            for (int i = 0; i < count; i++) {
                SocketChannel client = SocketChannel.open(pf);
                client.connect(server);
                SocketChannel accepted = listener.accept();
                closed.add(Tuple.of(Protocol.TCP, family, client, server));
                closed.add(Tuple.of(Protocol.TCP, family, accepted, (InetSocketAddress) accepted.getRemoteAddress()));
                client.close();
                accepted.close();
            }
            closed.add(new Tuple(Protocol.TCP, family, server.getAddress(), server.getPort(), wildcard(family), 0));
        }
        return closed;
    }

    /** On each loopback address, an unconnected UDP socket and one connected to it, closed. */
    static List<Tuple> udpOpenAndClose() throws IOException {
        List<Tuple> closed = new ArrayList<>();
        for (InetAddress address : List.of(V4, V6)) {
            StandardProtocolFamily pf = address == V4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
            IpFamily family = familyOf(address);
            try (DatagramChannel unconnected = DatagramChannel.open(pf).bind(new InetSocketAddress(address, 0));
                    DatagramChannel connected = DatagramChannel.open(pf).bind(new InetSocketAddress(address, 0))) {
                connected.connect(unconnected.getLocalAddress());
                closed.add(Tuple.of(Protocol.UDP, family, unconnected, new InetSocketAddress(wildcard(family), 0)));
                closed.add(Tuple.of(Protocol.UDP, family, connected, (InetSocketAddress) connected.getRemoteAddress()));
            }
        }
        return closed;
    }

    /**
     * Drains the feed until every expected socket has been noticed, or 10 s have passed: the
     * notices of these sockets, by tuple. Notices of other sockets are passed over.
     *
     * @throws IllegalStateException when one of these sockets is noticed twice
     */
    static Map<Tuple, Socket> collect(SocketEndFeed feed, Set<Tuple> expected) throws InterruptedException {
        Map<Tuple, Socket> seen = new HashMap<>();
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (seen.size() < expected.size() && System.nanoTime() < deadline) {
            for (Socket s : feed.drain()) {
                Tuple tuple = Tuple.of(s);
                if (expected.contains(tuple) && seen.put(tuple, s) != null) {
                    throw new IllegalStateException("two notices of " + tuple);
                }
            }
            Thread.sleep(20);
        }
        return seen;
    }

    static InetAddress wildcard(IpFamily family) {
        return InetAddress.ofLiteral(family == IpFamily.IPV4 ? "0.0.0.0" : "::");
    }

    private static IpFamily familyOf(InetAddress address) {
        return address == V4 ? IpFamily.IPV4 : IpFamily.IPV6;
    }
}
