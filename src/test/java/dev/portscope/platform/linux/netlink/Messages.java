package dev.portscope.platform.linux.netlink;

import dev.portscope.platform.linux.ffm.LinuxConstants;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds netlink messages by hand, for inputs no kernel sends: errors, odd states, broken lengths. */
final class Messages {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An inet_diag_msg answer (SOCK_DIAG_BY_FAMILY) for 10.0.0.1:sport -> 10.0.0.2:dport with extra attribute bytes. */
    Messages answer(int family, int state, int sport, int dport, int uid, long inode, byte[] attributes) {
        return answer(family, state, 0, 0, sport, dport, uid, inode, attributes);
    }

    /** As above, with {@code idiag_timer} and {@code idiag_if} (the bound interface's index). */
    Messages answer(int family, int state, int timer, int ifindex, int sport, int dport, int uid, long inode, byte[] attributes) {
        ByteBuffer b = ByteBuffer.allocate(NetlinkHeader.LENGTH + SockDiagDecoder.MSG_LENGTH + attributes.length).order(ByteOrder.nativeOrder());
        NetlinkHeader.write(b, b.capacity(), InetDiagRequest.SOCK_DIAG_BY_FAMILY, NetlinkHeader.NLM_F_MULTI, 1);
        b.put((byte) family).put((byte) state).put((byte) timer).put((byte) 0);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) sport).putShort((short) dport);
        byte[] src = new byte[16];
        byte[] dst = new byte[16];
        src[0] = 10;
        src[3] = 1;
        dst[0] = 10;
        dst[3] = 2;
        if (family == LinuxConstants.AF_INET6) {
            src[0] = (byte) 0xfe;
            src[1] = (byte) 0x80;
            dst[0] = (byte) 0xfe;
            dst[1] = (byte) 0x80;
        }
        b.put(src).put(dst).order(ByteOrder.nativeOrder());
        b.putInt(ifindex).putInt(0).putInt(0); // if, cookie
        b.putInt(0).putInt(7).putInt(9).putInt(uid).putInt((int) inode); // expires, rqueue, wqueue, uid, inode
        b.put(attributes);
        out.writeBytes(b.array());
        return this;
    }

    Messages answer(int state) {
        return answer(LinuxConstants.AF_INET, state, 22, 50312, 1000, 4242, new byte[0]);
    }

    Messages done() {
        return control(NetlinkHeader.NLMSG_DONE, 0);
    }

    /** NLMSG_ERROR with {@code -errno}, as the kernel sends it. */
    Messages error(int errno) {
        return control(NetlinkHeader.NLMSG_ERROR, -errno);
    }

    Messages control(int type, int code) {
        ByteBuffer b = ByteBuffer.allocate(NetlinkHeader.LENGTH + 4).order(ByteOrder.nativeOrder());
        NetlinkHeader.write(b, b.capacity(), type, NetlinkHeader.NLM_F_MULTI, 1);
        b.putInt(code);
        out.writeBytes(b.array());
        return this;
    }

    Messages raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** One rtattr: length (header included), type, payload, padded to 4. */
    static byte[] attribute(int type, byte[] payload) {
        int length = 4 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(NetlinkHeader.align(length)).order(ByteOrder.nativeOrder());
        b.putShort((short) length).putShort((short) type).put(payload);
        return b.array();
    }
}
