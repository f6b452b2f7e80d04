package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.LinuxSocket;
import dev.portscope.model.NetInterface;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.platform.linux.ffm.LinuxConstants;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The bytes of a {@code SOCK_DESTROY} request, field by field at the offsets of {@code struct nlmsghdr}
 * and {@code struct inet_diag_req_v2} ({@code include/uapi/linux/inet_diag.h}), and the reading of the
 * kernel's answer.
 */
class SockDestroyRequestTest {

    private static final int BODY = 16; // after struct nlmsghdr
    private static final long COOKIE = 0x0000_0012_8000_0001L;

    private static Socket socket(IpFamily family, String local, int localPort, String remote, int remotePort, NetInterface device,
            long cookie) {
        return new Socket(Protocol.TCP, family, new Endpoint(InetAddress.ofLiteral(local), localPort, device),
                new Endpoint(InetAddress.ofLiteral(remote), remotePort), SocketState.ESTABLISHED, 1000, 4242, 0, 0, null,
                new LinuxSocket(4242, cookie, 0, null, null));
    }

    private static ByteBuffer host(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        return Arrays.copyOfRange(bytes, from, from + length);
    }

    @Test
    void anIpv4ConnectionIsNamedByItsAddressesPortsAndCookie() {
        byte[] bytes = SockDestroyRequest.encode(7,
                socket(IpFamily.IPV4, "127.0.0.1", 8080, "127.0.0.2", 0xC350, null, COOKIE));
        ByteBuffer b = host(bytes);
        assertThat(bytes).hasSize(72);
        // struct nlmsghdr
        assertThat(b.getInt(0)).as("nlmsg_len").isEqualTo(72);
        assertThat(b.getShort(4)).as("nlmsg_type: SOCK_DESTROY").isEqualTo((short) 21);
        assertThat(b.getShort(6)).as("nlmsg_flags: NLM_F_REQUEST | NLM_F_ACK").isEqualTo((short) 0x5);
        assertThat(b.getInt(8)).as("nlmsg_seq").isEqualTo(7);
        assertThat(b.getInt(12)).as("nlmsg_pid: the kernel").isZero();
        // struct inet_diag_req_v2
        assertThat(bytes[BODY]).as("sdiag_family").isEqualTo((byte) LinuxConstants.AF_INET);
        assertThat(bytes[BODY + 1]).as("sdiag_protocol").isEqualTo((byte) LinuxConstants.IPPROTO_TCP);
        assertThat(bytes[BODY + 2]).as("idiag_ext").isZero();
        assertThat(bytes[BODY + 3]).as("pad").isZero();
        assertThat(b.getInt(BODY + 4)).as("idiag_states").isZero();
        // struct inet_diag_sockid
        assertThat(slice(bytes, BODY + 8, 2)).as("idiag_sport, big-endian").containsExactly(0x1F, 0x90);
        assertThat(slice(bytes, BODY + 10, 2)).as("idiag_dport, big-endian").containsExactly(0xC3, 0x50);
        assertThat(HexFormat.of().formatHex(slice(bytes, BODY + 12, 16))).as("idiag_src").isEqualTo("7f000001" + "0".repeat(24));
        assertThat(HexFormat.of().formatHex(slice(bytes, BODY + 28, 16))).as("idiag_dst").isEqualTo("7f000002" + "0".repeat(24));
        assertThat(b.getInt(BODY + 44)).as("idiag_if").isZero();
        assertThat(b.getInt(BODY + 48)).as("idiag_cookie[0], the low word").isEqualTo(0x8000_0001);
        assertThat(b.getInt(BODY + 52)).as("idiag_cookie[1], the high word").isEqualTo(0x12);
    }

    @Test
    void anIpv6ConnectionKeepsItsInterfaceAndFullAddresses() {
        byte[] bytes = SockDestroyRequest.encode(1,
                socket(IpFamily.IPV6, "fe80::1", 22, "fe80::2:3", 40000, new NetInterface(3, "eth0", false), COOKIE));
        ByteBuffer b = host(bytes);
        assertThat(bytes[BODY]).as("sdiag_family").isEqualTo((byte) LinuxConstants.AF_INET6);
        assertThat(HexFormat.of().formatHex(slice(bytes, BODY + 12, 16))).isEqualTo("fe800000000000000000000000000001");
        assertThat(HexFormat.of().formatHex(slice(bytes, BODY + 28, 16))).isEqualTo("fe800000000000000000000000020003");
        assertThat(b.getInt(BODY + 44)).as("idiag_if").isEqualTo(3);
    }

    /** The decoder hands ::ffff:127.0.0.1 of an IPv6 socket over as 127.0.0.1; the kernel looks it up mapped. */
    @Test
    void ipv4OnAnIpv6SocketIsSentMapped() {
        byte[] bytes = SockDestroyRequest.encode(1, socket(IpFamily.IPV6, "127.0.0.1", 22, "127.0.0.3", 40000, null, COOKIE));
        assertThat(bytes[BODY]).isEqualTo((byte) LinuxConstants.AF_INET6);
        assertThat(HexFormat.of().formatHex(slice(bytes, BODY + 12, 16))).isEqualTo("00000000000000000000ffff7f000001");
        assertThat(HexFormat.of().formatHex(slice(bytes, BODY + 28, 16))).isEqualTo("00000000000000000000ffff7f000003");
    }

    /** The id the kernel reported in a dump is the id sent back, byte for byte (sport to cookie). */
    @Test
    void theIdIsTheOneTheDumpReported() {
        byte[] dump = new Messages().answer(LinuxConstants.AF_INET6, 1, 0, 5, 443, 50312, 0, 4242, new byte[0]).done().bytes();
        host(dump).putInt(BODY + 44, 0x0BAD_F00D).putInt(BODY + 48, 0x2); // give the reported socket a cookie
        Socket decoded = new SockDiagDecoder(0, false).decodeAll(dump, Protocol.TCP).sockets().getFirst();
        byte[] request = SockDestroyRequest.encode(9, decoded);
        // inet_diag_msg's id starts at its offset 4; inet_diag_req_v2's at its offset 8; both are 48 bytes
        assertThat(slice(request, BODY + 8, 48)).isEqualTo(slice(dump, BODY + 4, 48));
    }

    @Test
    void aSocketWithoutItsCookieIsNeverNamed() {
        assertThatThrownBy(() -> SockDestroyRequest.encode(1, socket(IpFamily.IPV4, "127.0.0.1", 1, "127.0.0.1", 2, null, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cookie");
    }

    @Test
    void theAnswerIsTheErrorOfTheRequestsOwnSequence() {
        assertThat(SockDestroyRequest.answer(host(ack(3, 0)), 3)).hasValue(0);
        assertThat(SockDestroyRequest.answer(host(ack(3, -2)), 3)).as("ENOENT").hasValue(2);
        assertThat(SockDestroyRequest.answer(host(ack(2, -1)), 3)).as("an answer to another request").isEmpty();
        byte[] two = new byte[40];
        System.arraycopy(ack(2, -1), 0, two, 0, 20);
        System.arraycopy(ack(3, -95), 0, two, 20, 20);
        assertThat(SockDestroyRequest.answer(host(two), 3)).as("after another answer").hasValue(95);
    }

    @Test
    void aMalformedAnswerIsRefused() {
        assertThatThrownBy(() -> SockDestroyRequest.answer(host(new byte[10]), 1)).hasMessageContaining("truncated netlink header");
        byte[] bad = ack(1, 0);
        host(bad).putInt(0, 400);
        assertThatThrownBy(() -> SockDestroyRequest.answer(host(bad), 1)).hasMessageContaining("bad nlmsg_len 400");
        byte[] done = ack(1, 0);
        host(done).putShort(4, (short) NetlinkHeader.NLMSG_DONE);
        assertThatThrownBy(() -> SockDestroyRequest.answer(host(done), 1)).hasMessageContaining("expected NLMSG_ERROR");
    }

    /** struct nlmsgerr after its header: error, then (left out here) the request's header. */
    private static byte[] ack(int sequence, int error) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        NetlinkHeader.write(b, 20, NetlinkHeader.NLMSG_ERROR, 0, sequence);
        b.putInt(error);
        return b.array();
    }
}
