package dev.portscope.platform.linux.netlink;

import static dev.portscope.platform.linux.ffm.LinuxConstants.AF_INET;
import static dev.portscope.platform.linux.ffm.LinuxConstants.AF_INET6;
import static dev.portscope.platform.linux.ffm.LinuxConstants.IPPROTO_TCP;
import static dev.portscope.platform.linux.ffm.LinuxConstants.IPPROTO_UDP;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketState;
import dev.portscope.platform.linux.KernelSocketStates;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * Builds and reads {@code SOCK_DIAG_BY_FAMILY} dump requests ({@code include/uapi/linux/inet_diag.h},
 * {@code include/uapi/linux/sock_diag.h}).
 *
 * <pre>
 * struct inet_diag_req_v2 {          // after the 16-byte nlmsghdr
 *     __u8  sdiag_family;            // offset 0: AF_INET or AF_INET6
 *     __u8  sdiag_protocol;          // offset 1: IPPROTO_TCP or IPPROTO_UDP
 *     __u8  idiag_ext;               // offset 2: 1 << (INET_DIAG_x - 1) for each extra wanted
 *     __u8  pad;                     // offset 3
 *     __u32 idiag_states;            // offset 4: 1 << state for each kernel state wanted
 *     struct inet_diag_sockid id;    // offset 8: 48 bytes, all zero for a dump
 * };                                 // 56 bytes
 * </pre>
 */
public final class InetDiagRequest {

    /** {@code SOCK_DIAG_BY_FAMILY}, {@code include/uapi/linux/sock_diag.h}. */
    static final int SOCK_DIAG_BY_FAMILY = 20;
    /** {@code TCPDIAG_GETSOCK}: the pre-2.6.38 request type, still answered (and seen in old recordings). */
    static final int TCPDIAG_GETSOCK = 18;

    static final int BODY_LENGTH = 56;
    static final int LENGTH = NetlinkHeader.LENGTH + BODY_LENGTH;

    // include/uapi/linux/inet_diag.h, enum { INET_DIAG_NONE, INET_DIAG_MEMINFO, INET_DIAG_INFO, ... }
    static final int INET_DIAG_INFO = 2;
    static final int INET_DIAG_SHUTDOWN = 8;
    static final int INET_DIAG_SKMEMINFO = 7;
    static final int INET_DIAG_SKV6ONLY = 11;

    /** Every state bit, for queries that want states this code does not know (UNKNOWN). */
    static final int ALL_STATES = 0xFFFFFFFF;

    private InetDiagRequest() {}

    /**
     * The {@code idiag_states} bitmask for a set of model states: bit n asks for kernel state n. A
     * query that accepts {@link SocketState#UNKNOWN} asks for every state, so that codes newer than
     * this version still reach it.
     *
     * <p>TCP sockets that are bound but neither listening nor connecting live only in the bind hash.
     * Since Linux 6.5 ({@code net/ipv4/inet_diag.c}) the dump walks it only when the
     * {@code TCPF_BOUND_INACTIVE} bit (1 << 13) is set, and reports those sockets with their real
     * state, {@code TCP_CLOSE} (checked on 6.18). So asking for TCP CLOSE sets that bit too; older
     * kernels ignore it.
     */
    public static int stateMask(Protocol protocol, Set<SocketState> states) {
        if (states.contains(SocketState.UNKNOWN)) {
            return ALL_STATES;
        }
        int mask = 0;
        for (SocketState state : states) {
            mask |= 1 << KernelSocketStates.toKernel(state);
        }
        if (protocol == Protocol.TCP && states.contains(SocketState.CLOSE)) {
            mask |= 1 << KernelSocketStates.toKernel(SocketState.BOUND_INACTIVE);
        }
        return mask;
    }

    /** {@code idiag_ext} asking for {@code tcp_info} and socket memory. */
    static int detailExtensions() {
        return (1 << (INET_DIAG_INFO - 1)) | (1 << (INET_DIAG_SKMEMINFO - 1));
    }

    /** One dump request: nlmsghdr (NLM_F_REQUEST|NLM_F_DUMP) + inet_diag_req_v2, in host byte order. */
    public static byte[] dump(int sequence, Protocol protocol, IpFamily family, int states, boolean details) {
        byte[] bytes = new byte[LENGTH];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        NetlinkHeader.write(b, LENGTH, SOCK_DIAG_BY_FAMILY, NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_DUMP, sequence);
        b.put((byte) (family == IpFamily.IPV4 ? AF_INET : AF_INET6));
        b.put((byte) (protocol == Protocol.TCP ? IPPROTO_TCP : IPPROTO_UDP));
        b.put((byte) (details ? detailExtensions() : 0));
        b.put((byte) 0);
        b.putInt(states);
        // the 48-byte inet_diag_sockid stays zero: a dump matches every socket
        return bytes;
    }

    /**
     * One {@code TCPDIAG_GETSOCK} dump request: nlmsghdr + the old {@code struct inet_diag_req}. The
     * kernel answers it for both address families at once ({@code inet_diag_dump_compat} sets
     * {@code AF_UNSPEC}): one walk of the TCP hash tables instead of one per family.
     *
     * <pre>
     * struct inet_diag_req {
     *     __u8  idiag_family;            // offset 0: ignored by the kernel for a dump
     *     __u8  idiag_src_len, idiag_dst_len;
     *     __u8  idiag_ext;               // offset 3
     *     struct inet_diag_sockid id;    // offset 4: 48 bytes, zero
     *     __u32 idiag_states;            // offset 52
     *     __u32 idiag_dbs;               // offset 56
     * };                                 // 60 bytes
     * </pre>
     */
    public static byte[] bothFamiliesTcpDump(int sequence, int states, boolean details) {
        int length = NetlinkHeader.LENGTH + 60;
        byte[] bytes = new byte[length];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        NetlinkHeader.write(b, length, TCPDIAG_GETSOCK, NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_DUMP, sequence);
        b.put((byte) AF_INET);
        b.put((byte) 0);
        b.put((byte) 0);
        b.put((byte) (details ? detailExtensions() : 0));
        b.putInt(NetlinkHeader.LENGTH + 52, states);
        return bytes;
    }

    static Protocol protocolOf(int ipProtocol) {
        return switch (ipProtocol) {
            case IPPROTO_TCP -> Protocol.TCP;
            case IPPROTO_UDP -> Protocol.UDP;
            default -> null;
        };
    }

    static IpFamily familyOf(int addressFamily) {
        return switch (addressFamily) {
            case AF_INET -> IpFamily.IPV4;
            case AF_INET6 -> IpFamily.IPV6;
            default -> null;
        };
    }
}
