package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The kernel's notices of freed sockets, captured on Linux 6.18 by {@link CaptureEndNotices} as
 * user 65534 in an empty network namespace ({@code fixtures/netlink/destroy-notices}), decoded by
 * {@link SockDiagDecoder#decodeEndNotices} and compared with what the program closed.
 */
class EndNoticesFixtureTest {

    private static final String CASE = "destroy-notices";

    /** A line of {@code manifest.tsv}: protocol, family, how it ended, local and remote address and port, the program's uid. */
    record Closed(Protocol protocol, IpFamily family, String how, InetAddress localAddress, int localPort,
            InetAddress remoteAddress, int remotePort, int uid) {}

    private record Found(List<Socket> sockets, List<String> problems) {}

    @Test
    void everyClosedSocketIsOneNoticeWithItsProtocolFamilyAddressesAndCookie() throws IOException {
        Found found = decode(notices());
        assertThat(found.problems()).isEmpty();
        List<Closed> closed = manifest();
        assertThat(closed).hasSize(14);

        for (Closed c : closed) {
            List<Socket> matches = found.sockets().stream()
                    .filter(s -> s.protocol() == c.protocol() && s.family() == c.family() && s.local().port() == c.localPort())
                    .filter(s -> c.how().equals("reset-sent") || s.remote().port() == c.remotePort())
                    .toList();
            assertThat(matches).as("notice of %s", c).hasSize(1);
            Socket s = matches.get(0);
            assertThat(s.remote().address()).as("remote address of %s", c).isEqualTo(c.remoteAddress());
            if (c.how().equals("reset-sent")) {
                // tcp_disconnect clears the remote port and the local address it was not bound to
                assertThat(s.remote().port()).isZero();
                assertThat(s.local().address().isAnyLocalAddress()).isTrue();
            } else {
                assertThat(s.local().address()).as("local address of %s", c).isEqualTo(c.localAddress());
            }
            SocketState expected = c.protocol() == Protocol.TCP || c.how().equals("unconnected")
                    ? SocketState.CLOSE : SocketState.ESTABLISHED;
            assertThat(s.state()).as("state of %s", c).isEqualTo(expected);
            // the capturing program ran as 65534, yet the kernel leaves idiag_uid 0: no owner, never root
            assertThat(c.uid()).isEqualTo(65534);
            assertThat(s.uid()).isEqualTo(Socket.UNKNOWN_UID);
        }
    }

    @Test
    void noticesCarryACookieAndTheNamespaceButNoInodeOwnerOrQueues() throws IOException {
        List<Socket> sockets = decode(notices()).sockets();
        // 14 closed by the program, and 5 unbound IPv6 TCP sockets of the JVM's own (nothing else ran in the namespace)
        assertThat(sockets).hasSize(19);
        assertThat(sockets).allSatisfy(s -> {
            assertThat(s.linux().cookie()).isNotZero();
            assertThat(s.linux().netns()).isEqualTo(4026531840L);
            assertThat(s.linux().inode()).isZero();
            assertThat(s.key()).isZero();
            assertThat(s.uid()).isEqualTo(Socket.UNKNOWN_UID);
            assertThat(s.receiveQueue()).isZero();
            assertThat(s.sendQueue()).isZero();
            assertThat(s.v6Only()).isNull();
            assertThat(s.tcpInfo()).isNull(); // sent for TCP, kept only when details are asked for
        });
        assertThat(sockets.stream().map(s -> s.linux().cookie()).distinct()).hasSize(19);
        assertThat(sockets.stream().filter(s -> s.local().port() == 0)).hasSize(5).allSatisfy(s -> {
            assertThat(s.protocol()).isEqualTo(Protocol.TCP);
            assertThat(s.family()).isEqualTo(IpFamily.IPV6);
            assertThat(s.local().address().isAnyLocalAddress()).isTrue();
        });
    }

    @Test
    void detailsKeepTheTcpInfoOfTcpNotices() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        new SockDiagDecoder(0, true).decodeEndNotices(ByteBuffer.wrap(notices()), 0, collect(sockets, new ArrayList<>()));
        assertThat(sockets).filteredOn(s -> s.protocol() == Protocol.TCP).allSatisfy(s -> assertThat(s.tcpInfo()).isNotNull());
        assertThat(sockets).filteredOn(s -> s.protocol() == Protocol.UDP).hasSize(4).allSatisfy(s -> assertThat(s.tcpInfo()).isNull());
    }

    @Test
    void aNoticeWithoutItsProtocolIsReportedWithItsOffsetAndSkipped() throws IOException {
        byte[] bytes = notices();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        int second = NetlinkHeader.align(b.getInt(0));
        int attribute = second + NetlinkHeader.LENGTH + SockDiagDecoder.MSG_LENGTH;
        assertThat(b.getShort(attribute + 2)).as("INET_DIAG_PROTOCOL comes first").isEqualTo((short) 10);
        b.putShort(attribute + 2, (short) 5); // INET_DIAG_TOS: no protocol left
        int third = second + NetlinkHeader.align(b.getInt(second));
        b.put(third + NetlinkHeader.LENGTH + SockDiagDecoder.MSG_LENGTH + 4, (byte) 132); // SCTP

        Found found = decode(bytes);
        assertThat(found.sockets()).hasSize(17);
        assertThat(found.problems()).containsExactly(
                "byte " + (1_000 + second) + ": notice without INET_DIAG_PROTOCOL",
                "byte " + (1_000 + third) + ": notice of IP protocol 132, which portscope does not list: skipped");
    }

    private static Found decode(byte[] bytes) {
        List<Socket> sockets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        new SockDiagDecoder(4026531840L, false).decodeEndNotices(ByteBuffer.wrap(bytes), 1_000, collect(sockets, problems));
        return new Found(sockets, problems);
    }

    private static SockDiagEvents collect(List<Socket> sockets, List<String> problems) {
        return new SockDiagEvents() {
            @Override
            public void socket(Socket socket) {
                sockets.add(socket);
            }

            @Override
            public void done(long offset) {
                problems.add("byte " + offset + ": unexpected NLMSG_DONE");
            }

            @Override
            public void error(long offset, int errno) {
                problems.add("byte " + offset + ": errno " + errno);
            }

            @Override
            public void malformed(long offset, String what) {
                problems.add("byte " + offset + ": " + what);
            }
        };
    }

    private static byte[] notices() throws IOException {
        return Files.readAllBytes(Fixtures.ROOT.resolve(CASE).resolve("notices.bin"));
    }

    private static List<Closed> manifest() throws IOException {
        return Files.readAllLines(Fixtures.ROOT.resolve(CASE).resolve("manifest.tsv")).stream()
                .filter(line -> !line.isBlank())
                .map(line -> {
                    String[] f = line.split("\t");
                    String[] local = f[3].split(" ");
                    String[] remote = f[4].split(" ");
                    return new Closed(Protocol.valueOf(f[0].toUpperCase(Locale.ROOT)), IpFamily.valueOf(f[1].toUpperCase(Locale.ROOT)), f[2],
                            InetAddress.ofLiteral(local[0]), Integer.parseInt(local[1]),
                            InetAddress.ofLiteral(remote[0]), Integer.parseInt(remote[1]), Integer.parseInt(f[5]));
                })
                .toList();
    }
}
