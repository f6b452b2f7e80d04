package dev.portscope.platform.linux.netlink;

import dev.portscope.query.SocketQuery;
import dev.portscope.platform.DiagnosticLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Makes the fixture {@code fixtures/netlink/loopback-all-states}: opens sockets of known states on
 * loopback, records one netlink scan of every state with {@link NetlinkSocketSource}, and writes
 * what it opened to {@code manifest.tsv} (from the sockets' own addresses, not from the decoder)
 * and the socket inodes it holds to {@code inodes.txt} (from {@code /proc/self/fd}). Run it in an
 * empty network namespace so that the recording holds only these sockets:
 *
 * <pre>
 * unshare -n sh -c 'ip link set lo up && java -cp target/classes:target/test-classes \
 *     dev.portscope.platform.linux.netlink.CaptureLoopbackFixture src/test/resources/fixtures/netlink/loopback-all-states'
 * </pre>
 */
public final class CaptureLoopbackFixture {

    private static final List<String> MANIFEST = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        List<AutoCloseable> keep = new ArrayList<>();
        InetAddress v4 = InetAddress.ofLiteral("127.0.0.1");
        InetAddress v6 = InetAddress.ofLiteral("::1");

        ServerSocketChannel listen4 = ServerSocketChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(v4, 0));
        ServerSocketChannel listen6 = ServerSocketChannel.open(StandardProtocolFamily.INET6).bind(new InetSocketAddress(v6, 0));
        keep.add(listen4);
        keep.add(listen6);
        expect("tcp", "ipv4", "LISTEN", listen4, null, uid);
        expect("tcp", "ipv6", "LISTEN", listen6, null, uid);

        // an established pair on each family, with some bytes exchanged so tcp_info has counts
        for (ServerSocketChannel listener : List.of(listen4, listen6)) {
            String family = listener == listen4 ? "ipv4" : "ipv6";
            SocketChannel client = SocketChannel.open(listener == listen4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            client.connect(listener.getLocalAddress());
            SocketChannel server = listener.accept();
            client.write(ByteBuffer.wrap(new byte[1000]));
            server.read(ByteBuffer.allocate(2000));
            keep.add(client);
            keep.add(server);
            expect("tcp", family, "ESTABLISHED", client, client.getRemoteAddress(), uid);
            expect("tcp", family, "ESTABLISHED", server, server.getRemoteAddress(), uid);
        }

        // a half-closed pair: the client's FIN is acknowledged, so it waits in FIN_WAIT2, its peer in CLOSE_WAIT
        SocketChannel halfClient = SocketChannel.open(StandardProtocolFamily.INET);
        halfClient.connect(listen4.getLocalAddress());
        SocketChannel halfServer = listen4.accept();
        halfClient.shutdownOutput();
        keep.add(halfClient);
        keep.add(halfServer);
        expect("tcp", "ipv4", "FIN_WAIT2", halfClient, halfClient.getRemoteAddress(), uid);
        expect("tcp", "ipv4", "CLOSE_WAIT", halfServer, halfServer.getRemoteAddress(), uid);

        // the side that closes first ends in TIME_WAIT, which no file refers to and no user owns (inode 0, uid -)
        SocketChannel twClient = SocketChannel.open(StandardProtocolFamily.INET);
        twClient.connect(listen4.getLocalAddress());
        SocketChannel twServer = listen4.accept();
        InetSocketAddress twLocal = (InetSocketAddress) twServer.getLocalAddress();
        InetSocketAddress twRemote = (InetSocketAddress) twServer.getRemoteAddress();
        twServer.close();
        twClient.read(ByteBuffer.allocate(10)); // sees the FIN
        twClient.close();
        MANIFEST.add(String.join("\t", "tcp", "ipv4", "TIME_WAIT", text(twLocal), text(twRemote), "-"));

        // bound, neither listening nor connected
        SocketChannel bound = SocketChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(v4, 0));
        keep.add(bound);
        expect("tcp", "ipv4", "CLOSE", bound, null, uid);

        DatagramChannel udp4 = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(v4, 0));
        DatagramChannel udp6 = DatagramChannel.open(StandardProtocolFamily.INET6).bind(new InetSocketAddress(v6, 0));
        DatagramChannel udpConnected = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(v4, 0));
        udpConnected.connect(udp4.getLocalAddress());
        keep.add(udp4);
        keep.add(udp6);
        keep.add(udpConnected);
        expect("udp", "ipv4", "CLOSE", udp4, null, uid);
        expect("udp", "ipv6", "CLOSE", udp6, null, uid);
        expect("udp", "ipv4", "ESTABLISHED", udpConnected, udpConnected.getRemoteAddress(), uid);

        Thread.sleep(200); // lets loopback deliver the FINs and ACKs above

        TreeSet<Long> inodes = new TreeSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(link.substring(8, link.length() - 1)));
                    }
                } catch (IOException e) {
                    // the directory stream's own descriptor is gone by now
                }
            }
        }
        DiagnosticLog log = new DiagnosticLog();
        int[] count = {0};
        try (OutputStream out = Files.newOutputStream(dir.resolve("recording.bin"))) {
            new NetlinkSocketSource(Path.of("/proc"), new NetlinkSocketSource.Settings(true, out))
                    .scan(SocketQuery.all(), log, s -> count[0]++);
        }
        Files.write(dir.resolve("manifest.tsv"), MANIFEST);
        Files.write(dir.resolve("inodes.txt"), inodes.stream().map(String::valueOf).toList());
        System.err.println("recorded " + count[0] + " sockets, expected " + MANIFEST.size() + "; diagnostics " + log.diagnostics());
        for (AutoCloseable c : keep) {
            c.close();
        }
    }

    private static void expect(String protocol, String family, String state, NetworkChannel channel, java.net.SocketAddress remote, int uid)
            throws IOException {
        InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
        String remoteText = remote != null ? text((InetSocketAddress) remote) : (family.equals("ipv4") ? "0.0.0.0" : "::") + " 0";
        MANIFEST.add(String.join("\t", protocol, family, state, text(local), remoteText, Integer.toString(uid)));
    }

    private static String text(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + " " + address.getPort();
    }
}
