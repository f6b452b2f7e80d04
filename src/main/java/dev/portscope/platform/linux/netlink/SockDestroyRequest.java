package dev.portscope.platform.linux.netlink;

import static dev.portscope.platform.linux.ffm.LinuxConstants.AF_INET;
import static dev.portscope.platform.linux.ffm.LinuxConstants.AF_INET6;
import static dev.portscope.platform.linux.ffm.LinuxConstants.IPPROTO_TCP;
import static dev.portscope.platform.linux.ffm.LinuxConstants.IPPROTO_UDP;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalInt;

/**
 * Builds {@code SOCK_DESTROY} requests and reads the kernel's answer to them: pure, no I/O. The
 * request is a {@code struct inet_diag_req_v2} (see {@link InetDiagRequest}) whose {@code id} names
 * exactly one socket, as the kernel looks it up ({@code net/ipv4/inet_diag.c},
 * {@code inet_diag_find_one_icsk}): by both addresses and ports, the interface, and the cookie.
 *
 * <pre>
 * struct inet_diag_req_v2 {          // include/uapi/linux/inet_diag.h, after the 16-byte nlmsghdr
 *     __u8  sdiag_family;            // offset 0: AF_INET or AF_INET6, the socket's own family
 *     __u8  sdiag_protocol;          // offset 1: IPPROTO_TCP
 *     __u8  idiag_ext;               // offset 2: 0, no extras
 *     __u8  pad;                     // offset 3
 *     __u32 idiag_states;            // offset 4: 0, not read for one socket
 *     struct inet_diag_sockid {
 *         __be16 idiag_sport;        // offset 8: network byte order
 *         __be16 idiag_dport;        // offset 10
 *         __be32 idiag_src[4];       // offset 12: IPv4 in the first word; IPv4 on an IPv6 socket as ::ffff:a.b.c.d
 *         __be32 idiag_dst[4];       // offset 28
 *         __u32  idiag_if;           // offset 44: the bound interface, 0 for none
 *         __u32  idiag_cookie[2];    // offset 48: low word, high word, each in host order;
 *     } id;                          //            INET_DIAG_NOCOOKIE (~0U, ~0U) would skip the check
 * };                                 // 56 bytes
 * </pre>
 *
 * The kernel answers with {@code NLMSG_ERROR} ({@code struct nlmsgerr}: an {@code int error}, 0 or
 * {@code -errno}, then the request's header): {@code NLM_F_ACK} asks for the answer on success too.
 */
public final class SockDestroyRequest {

    /** {@code SOCK_DESTROY}, {@code include/uapi/linux/sock_diag.h}. */
    static final int SOCK_DESTROY = 21;

    static final int LENGTH = InetDiagRequest.LENGTH;

    private SockDestroyRequest() {}

    /**
     * The request that closes {@code socket}, which must carry its cookie: without it the kernel
     * would close whatever socket has these addresses and ports now, perhaps a newer connection
     * that reused them.
     *
     * @throws IllegalArgumentException when the socket has no cookie (read from {@code /proc/net}, or a recording)
     */
    public static byte[] encode(int sequence, Socket socket) {
        long cookie = socket.linux() == null ? 0 : socket.linux().cookie();
        if (cookie == 0) {
            throw new IllegalArgumentException("the socket's cookie is unknown");
        }
        byte[] bytes = new byte[LENGTH];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        NetlinkHeader.write(b, LENGTH, SOCK_DESTROY, NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_ACK, sequence);
        b.put((byte) (socket.family() == IpFamily.IPV4 ? AF_INET : AF_INET6));
        b.put((byte) (socket.protocol() == Protocol.TCP ? IPPROTO_TCP : IPPROTO_UDP));
        b.put((byte) 0);
        b.put((byte) 0);
        b.putInt(0);
        b.put((byte) (socket.local().port() >>> 8)).put((byte) socket.local().port());
        b.put((byte) (socket.remote().port() >>> 8)).put((byte) socket.remote().port());
        putAddress(b, socket.local(), socket.family());
        putAddress(b, socket.remote(), socket.family());
        b.putInt(socket.local().device() == null ? 0 : socket.local().device().index());
        b.putInt((int) cookie);
        b.putInt((int) (cookie >>> 32));
        return bytes;
    }

    /**
     * 16 bytes of {@code __be32[4]}. The decoder hands an IPv4-mapped address of an IPv6 socket over
     * as IPv4; the kernel wants it mapped again, as it reported it.
     */
    private static void putAddress(ByteBuffer b, Endpoint end, IpFamily family) {
        byte[] address = end.address().getAddress();
        byte[] word = new byte[16];
        if (family == IpFamily.IPV6 && end.address() instanceof Inet4Address) {
            word[10] = (byte) 0xFF;
            word[11] = (byte) 0xFF;
            System.arraycopy(address, 0, word, 12, 4);
        } else {
            System.arraycopy(address, 0, word, 0, address.length);
        }
        b.put(word);
    }

    /**
     * The kernel's answer to request {@code sequence} in one datagram: 0 when the socket was closed,
     * else the errno; empty when the datagram holds no answer to it (an answer to an earlier request).
     *
     * @throws IllegalArgumentException when the datagram is not a sequence of well-formed netlink
     *                                  messages, or answers the request with something else
     */
    public static OptionalInt answer(ByteBuffer datagram, int sequence) {
        ByteBuffer b = datagram.duplicate().order(ByteOrder.nativeOrder());
        int pos = b.position();
        int end = b.limit();
        while (pos < end) {
            int left = end - pos;
            if (left < NetlinkHeader.LENGTH) {
                throw new IllegalArgumentException("truncated netlink header at byte " + pos + " (" + left + " bytes left)");
            }
            int length = NetlinkHeader.length(b, pos);
            if (length < NetlinkHeader.LENGTH || length > left) {
                throw new IllegalArgumentException("bad nlmsg_len " + Integer.toUnsignedString(length) + " at byte " + pos);
            }
            if (b.getInt(pos + 8) == sequence) {
                int type = NetlinkHeader.type(b, pos);
                if (type != NetlinkHeader.NLMSG_ERROR) {
                    throw new IllegalArgumentException("answer of type " + type + " to SOCK_DESTROY, expected NLMSG_ERROR");
                }
                if (length < NetlinkHeader.LENGTH + 4) {
                    throw new IllegalArgumentException("NLMSG_ERROR of " + length + " bytes has no error code");
                }
                int error = b.getInt(pos + NetlinkHeader.LENGTH);
                return OptionalInt.of(error < 0 ? -error : error);
            }
            pos += NetlinkHeader.align(length);
        }
        return OptionalInt.empty();
    }
}
