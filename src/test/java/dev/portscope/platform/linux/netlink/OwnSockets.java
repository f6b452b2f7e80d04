package dev.portscope.platform.linux.netlink;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sockets a live test opens on loopback, each bound to a port the kernel picks, with the state it
 * must be found in: the oracle the netlink and /proc sources are checked against.
 */
final class OwnSockets implements AutoCloseable {

    /** What a socket must look like when found. */
    record Expected(String name, Protocol protocol, IpFamily family, Endpoint local, Endpoint remote, Set<SocketState> states) {
        boolean matches(Socket s) {
            return s.protocol() == protocol && s.family() == family && s.local().equals(local) && s.remote().equals(remote);
        }
    }

    private final List<AutoCloseable> channels = new ArrayList<>();
    final List<Expected> expected = new ArrayList<>();

    static OwnSockets open() throws IOException {
        OwnSockets own = new OwnSockets();
        try {
            own.openAll();
        } catch (IOException | RuntimeException e) {
            own.close();
            throw e;
        }
        return own;
    }

    private void openAll() throws IOException {
        InetAddress v4 = InetAddress.ofLiteral("127.0.0.1");
        InetAddress v6 = InetAddress.ofLiteral("::1");
        ServerSocketChannel listen4 = keep(ServerSocketChannel.open(StandardProtocolFamily.INET)).bind(new InetSocketAddress(v4, 0));
        expect("tcp listener 127.0.0.1", Protocol.TCP, IpFamily.IPV4, listen4.getLocalAddress(), wildcard(v4), SocketState.LISTEN);
        ServerSocketChannel listen6 = keep(ServerSocketChannel.open(StandardProtocolFamily.INET6)).bind(new InetSocketAddress(v6, 0));
        expect("tcp listener ::1", Protocol.TCP, IpFamily.IPV6, listen6.getLocalAddress(), wildcard(v6), SocketState.LISTEN);

        SocketChannel client = keep(SocketChannel.open(StandardProtocolFamily.INET));
        client.connect(listen4.getLocalAddress());
        SocketChannel accepted = keep(listen4.accept());
        expect("tcp client", Protocol.TCP, IpFamily.IPV4, client.getLocalAddress(), client.getRemoteAddress(), SocketState.ESTABLISHED);
        expect("tcp accepted", Protocol.TCP, IpFamily.IPV4, accepted.getLocalAddress(), accepted.getRemoteAddress(), SocketState.ESTABLISHED);

        DatagramChannel udp = keep(DatagramChannel.open(StandardProtocolFamily.INET)).bind(new InetSocketAddress(v4, 0));
        expect("udp 127.0.0.1", Protocol.UDP, IpFamily.IPV4, udp.getLocalAddress(), wildcard(v4), SocketState.CLOSE);

        // bound, never listening nor connecting: only the bind hash knows it (Linux reports TCP_CLOSE;
        // SocketState.BOUND_INACTIVE is accepted too, should a kernel report TCP_BOUND_INACTIVE)
        SocketChannel bound = keep(SocketChannel.open(StandardProtocolFamily.INET)).bind(new InetSocketAddress(v4, 0));
        expect("tcp bound, not listening", Protocol.TCP, IpFamily.IPV4, bound.getLocalAddress(), wildcard(v4),
                SocketState.CLOSE, SocketState.BOUND_INACTIVE);
    }

    Expected named(String name) {
        return expected.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    /** The sockets in {@code found} that are ours. */
    List<Socket> ours(List<Socket> found) {
        return found.stream().filter(s -> expected.stream().anyMatch(e -> e.matches(s))).toList();
    }

    private <T extends AutoCloseable> T keep(T channel) {
        channels.add(channel);
        return channel;
    }

    private void expect(String name, Protocol protocol, IpFamily family, SocketAddress local, SocketAddress remote, SocketState... states) {
        expected.add(new Expected(name, protocol, family, endpoint(local), endpoint(remote), Set.of(states)));
    }

    private static SocketAddress wildcard(InetAddress like) {
        return new InetSocketAddress(like instanceof java.net.Inet4Address ? InetAddress.ofLiteral("0.0.0.0") : InetAddress.ofLiteral("::"), 0);
    }

    private static Endpoint endpoint(SocketAddress address) {
        InetSocketAddress inet = (InetSocketAddress) address;
        return new Endpoint(inet.getAddress(), inet.getPort());
    }

    /** Socket inodes this process holds, from {@code /proc/self/fd} ({@code proc(5)}). */
    static Set<Long> inodesOfThisProcess() throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(link, 8, link.length() - 1, 10));
                    }
                } catch (IOException e) {
                    // closed between listing and reading (the listing's own descriptor)
                }
            }
        }
        return inodes;
    }

    static int uidOfThisProcess() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    static long networkNamespaceOfThisProcess() throws IOException {
        String link = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString(); // net:[4026531840]
        return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
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
