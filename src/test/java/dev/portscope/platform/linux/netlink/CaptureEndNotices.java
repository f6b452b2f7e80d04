package dev.portscope.platform.linux.netlink;

import dev.portscope.platform.linux.ffm.Errno;
import dev.portscope.platform.linux.ffm.LinuxConstants;
import dev.portscope.platform.linux.ffm.NetlinkSocket;
import dev.portscope.platform.linux.ffm.NetlinkSocketException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the fixture {@code fixtures/netlink/destroy-notices}: joins sock_diag's four destroy groups
 * with {@link NetlinkSocket}, opens and closes sockets of each kind on loopback, and writes every
 * datagram the kernel sends to {@code notices.bin} as it came, and what it closed to
 * {@code manifest.tsv} (from the channels' own addresses, not from the decoder). Run it in an empty
 * network namespace, so that the notices are only of these sockets, and as an unprivileged user, to
 * show that one may listen and what the kernel tells of the owner:
 *
 * <pre>
 * unshare -n sh -c 'ip link set lo up && setpriv --reuid 65534 --regid 65534 --clear-groups \
 *     java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes \
 *     dev.portscope.platform.linux.netlink.CaptureEndNotices /tmp/destroy-notices'
 * </pre>
 * then copy the two files into {@code src/test/resources/fixtures/netlink/destroy-notices/}.
 */
public final class CaptureEndNotices {

    private static final List<String> MANIFEST = new ArrayList<>();
    private static final long UID = new com.sun.security.auth.module.UnixSystem().getUid();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        try (NetlinkSocket feed = NetlinkSocket.open(LinuxConstants.NETLINK_SOCK_DIAG, 1 << 16);
                OutputStream out = Files.newOutputStream(dir.resolve("notices.bin"))) {
            feed.joinGroups(LinuxConstants.SKNLGRP_INET_TCP_DESTROY, LinuxConstants.SKNLGRP_INET_UDP_DESTROY,
                    LinuxConstants.SKNLGRP_INET6_TCP_DESTROY, LinuxConstants.SKNLGRP_INET6_UDP_DESTROY);
            feed.receiveTimeout(java.time.Duration.ofMillis(500));
            openAndClose();
            int datagrams = 0;
            long end = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < end) {
                ByteBuffer datagram;
                try {
                    datagram = feed.receive();
                } catch (NetlinkSocketException e) {
                    if (e.errno() == Errno.EAGAIN) {
                        break; // quiet for half a second: the kernel has told all
                    }
                    throw e;
                }
                byte[] bytes = new byte[datagram.remaining()];
                datagram.get(bytes);
                out.write(bytes);
                datagrams++;
            }
            Files.write(dir.resolve("manifest.tsv"), MANIFEST);
            System.err.println(datagrams + " datagrams for " + MANIFEST.size() + " sockets closed");
        }
    }

    private static void openAndClose() throws IOException, InterruptedException {
        InetAddress v4 = InetAddress.ofLiteral("127.0.0.1");
        InetAddress v6 = InetAddress.ofLiteral("::1");
        for (InetAddress address : List.of(v4, v6)) {
            String family = address == v4 ? "ipv4" : "ipv6";
            StandardProtocolFamily pf = address == v4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
            ServerSocketChannel listener = ServerSocketChannel.open(pf).bind(new InetSocketAddress(address, 0));
            // a connection closed by the client first (which then waits in TIME_WAIT, its full socket freed)
            SocketChannel client = SocketChannel.open(pf);
            client.connect(listener.getLocalAddress());
            SocketChannel server = listener.accept();
            client.write(ByteBuffer.wrap(new byte[100]));
            server.read(ByteBuffer.allocate(200));
            closed("tcp", family, "fin", client);
            closed("tcp", family, "fin", server);
            client.close();
            server.close();
            // a connection the client resets: SO_LINGER 0 sends an RST and frees the socket at once
            SocketChannel resetting = SocketChannel.open(pf);
            resetting.connect(listener.getLocalAddress());
            SocketChannel reset = listener.accept();
            resetting.setOption(StandardSocketOptions.SO_LINGER, 0);
            closed("tcp", family, "reset-sent", resetting);
            closed("tcp", family, "reset-received", reset);
            resetting.close();
            Thread.sleep(50);
            reset.close();
            closed("tcp", family, "listener", listener);
            listener.close();
            // UDP: an unconnected socket and a connected one
            DatagramChannel udp = DatagramChannel.open(pf).bind(new InetSocketAddress(address, 0));
            DatagramChannel connected = DatagramChannel.open(pf).bind(new InetSocketAddress(address, 0));
            connected.connect(udp.getLocalAddress());
            closed("udp", family, "unconnected", udp);
            closed("udp", family, "connected", connected);
            udp.close();
            connected.close();
        }
    }

    /** One line of the manifest: protocol, family, how it ended, "local port", "remote port", and the program's uid. */
    private static void closed(String protocol, String family, String how, java.nio.channels.NetworkChannel channel) throws IOException {
        InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
        java.net.SocketAddress remote = channel instanceof SocketChannel s ? s.getRemoteAddress()
                : channel instanceof DatagramChannel d ? d.getRemoteAddress() : null;
        String remoteText = remote != null ? text((InetSocketAddress) remote) : (family.equals("ipv4") ? "0.0.0.0" : "::") + " 0";
        MANIFEST.add(String.join("\t", protocol, family, how, text(local), remoteText, Long.toString(UID)));
    }

    private static String text(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + " " + address.getPort();
    }
}
