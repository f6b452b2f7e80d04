package dev.portscope.platform.linux.netlink;

import java.nio.ByteBuffer;

/**
 * The netlink message header and its constants ({@code include/uapi/linux/netlink.h}).
 *
 * <pre>
 * struct nlmsghdr {
 *     __u32 nlmsg_len;    // offset 0: length of the message, header included
 *     __u16 nlmsg_type;   // offset 4: NLMSG_* or the family's type (SOCK_DIAG_BY_FAMILY)
 *     __u16 nlmsg_flags;  // offset 6: NLM_F_*
 *     __u32 nlmsg_seq;    // offset 8
 *     __u32 nlmsg_pid;    // offset 12: sender port id, 0 for the kernel
 * };                      // 16 bytes, host byte order; messages start on 4-byte boundaries (NLMSG_ALIGN)
 * </pre>
 */
final class NetlinkHeader {

    static final int LENGTH = 16;

    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_OVERRUN = 4;

    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    /** Asks for an {@code NLMSG_ERROR} answer on success too (error 0). */
    static final int NLM_F_ACK = 0x4;
    /** Set by the kernel when the table changed during the dump, so the dump may be inconsistent. */
    static final int NLM_F_DUMP_INTR = 0x10;
    /** {@code NLM_F_ROOT | NLM_F_MATCH}. */
    static final int NLM_F_DUMP = 0x300;

    private NetlinkHeader() {}

    /** {@code NLMSG_ALIGN}: rounds up to a multiple of 4. */
    static int align(int length) {
        return (length + 3) & ~3;
    }

    static int length(ByteBuffer buffer, int at) {
        return buffer.getInt(at);
    }

    static int type(ByteBuffer buffer, int at) {
        return Short.toUnsignedInt(buffer.getShort(at + 4));
    }

    static int flags(ByteBuffer buffer, int at) {
        return Short.toUnsignedInt(buffer.getShort(at + 6));
    }

    static void write(ByteBuffer buffer, int length, int type, int flags, int seq) {
        buffer.putInt(length).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
    }
}
