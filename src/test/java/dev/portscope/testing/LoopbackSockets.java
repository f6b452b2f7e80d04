package dev.portscope.testing;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Sockets a test opens on loopback, on ports the kernel hands out, and closes afterwards.
 * Tests assert on these sockets only, never on the whole table of the machine.
 */
public final class LoopbackSockets implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();

    public ServerSocketChannel listen(String address) throws IOException {
        InetAddress bindAddress = InetAddress.getByName(address);
        ServerSocketChannel server = ServerSocketChannel.open(familyOf(bindAddress));
        open.add(server);
        server.bind(new InetSocketAddress(bindAddress, 0), 16);
        return server;
    }

    /**
     * A TCP socket bound to a port the kernel hands out, neither listening nor connected: a connect to
     * that port is refused (RST), and while the test holds it no other program can take the port. A
     * closed port of the test's own, unlike a port bound and released, where anything may listen next.
     */
    public SocketChannel bound(String address) throws IOException {
        InetAddress bindAddress = InetAddress.getByName(address);
        SocketChannel channel = SocketChannel.open(familyOf(bindAddress));
        open.add(channel);
        channel.bind(new InetSocketAddress(bindAddress, 0));
        return channel;
    }

    /** The port of a new {@link #bound} socket: closed, and held by the test. */
    public int closedPort(String address) throws IOException {
        return port(bound(address));
    }

    /**
     * The family of the address itself: Java otherwise opens IPv6 sockets for IPv4 addresses
     * (bound to {@code ::ffff:127.0.0.1}), which the kernel lists as IPv6.
     */
    private static StandardProtocolFamily familyOf(InetAddress address) {
        return address instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    /** A connected pair: {@code [client, accepted]}, both ESTABLISHED. */
    public SocketChannel[] connectedPair(ServerSocketChannel server) throws IOException {
        InetSocketAddress target = (InetSocketAddress) server.getLocalAddress();
        SocketChannel client = SocketChannel.open(familyOf(target.getAddress()));
        client.connect(target);
        open.add(client);
        SocketChannel accepted = server.accept();
        open.add(accepted);
        return new SocketChannel[] {client, accepted};
    }

    /**
     * A pair whose client has closed: the accepted side is left in CLOSE_WAIT (the application has
     * not closed it), the client's side in FIN_WAIT2. Returns the accepted side's local and the
     * client's port.
     */
    public int[] closeWaitPair(ServerSocketChannel server) throws IOException {
        SocketChannel[] pair = connectedPair(server);
        int clientPort = ((InetSocketAddress) pair[0].getLocalAddress()).getPort();
        pair[0].close();
        return new int[] {((InetSocketAddress) pair[1].getLocalAddress()).getPort(), clientPort};
    }

    public DatagramChannel udp(String address) throws IOException {
        InetAddress bindAddress = InetAddress.getByName(address);
        DatagramChannel channel = DatagramChannel.open(familyOf(bindAddress));
        open.add(channel);
        channel.bind(new InetSocketAddress(bindAddress, 0));
        return channel;
    }

    public static int port(java.nio.channels.NetworkChannel channel) throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Polls a condition every 20 ms for at most {@code limit}; the kernel moves states asynchronously. */
    public static boolean eventually(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }
}
