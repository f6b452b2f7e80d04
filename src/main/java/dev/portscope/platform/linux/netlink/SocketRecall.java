package dev.portscope.platform.linux.netlink;

import dev.portscope.model.IpFamily;
import dev.portscope.model.LinuxSocket;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * The sockets of the previous scan by cookie, for a source that is read again and again (a
 * long-running watch): {@link SockDiagDecoder} hands out the earlier object when a socket's message
 * says nothing new, so an unchanged socket costs no allocation. An open-addressing table of
 * primitive cookies, as a {@code Map<Long, Socket>} would box each of a few hundred thousand.
 * Each scan fills a new table and then replaces the old one ({@link #next}).
 */
final class SocketRecall {

    private long[] cookies;
    private Socket[] sockets;
    private int size;

    SocketRecall(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        cookies = new long[capacity];
        sockets = new Socket[capacity];
    }

    /** The socket of the previous scan with this cookie, or null. */
    Socket get(long cookie) {
        if (cookie == 0) {
            return null;
        }
        int slot = find(cookies, cookie);
        return cookies[slot] == cookie ? sockets[slot] : null;
    }

    void put(long cookie, Socket socket) {
        if (cookie == 0) {
            return;
        }
        if ((size + 1) * 2 > cookies.length) {
            grow();
        }
        int slot = find(cookies, cookie);
        if (cookies[slot] != cookie) {
            size++;
        }
        cookies[slot] = cookie;
        sockets[slot] = socket;
    }

    int size() {
        return size;
    }

    /** An empty table sized for a scan like this one. */
    SocketRecall next() {
        return new SocketRecall(size);
    }

    /** Whether a message describes {@code known} exactly as it was (fields read in place, nothing built). */
    static boolean unchanged(Socket known, ByteBuffer b, int body, Protocol protocol, IpFamily family, SocketState state, int uid,
            Boolean v6Only, long netns) {
        LinuxSocket linux = known.linux();
        int ifindex = b.getInt(body + 40);
        return known.protocol() == protocol && known.family() == family && known.state() == state && known.uid() == uid
                && known.key() == InetDiagExtras.u32(b, body + 68)
                && known.receiveQueue() == InetDiagExtras.u32(b, body + 56)
                && known.sendQueue() == InetDiagExtras.u32(b, body + 60)
                && java.util.Objects.equals(known.v6Only(), v6Only)
                && linux != null && linux.netns() == netns && linux.tcpInfo() == null && linux.memory() == null
                && known.local().port() == SockDiagDecoder.bigEndianPort(b, body + 4) && known.remote().port() == SockDiagDecoder.bigEndianPort(b, body + 6)
                && (known.local().device() == null ? ifindex <= 0 : known.local().device().index() == ifindex)
                && sameAddress(known.local().address(), b, body + 8, family)
                && sameAddress(known.remote().address(), b, body + 24, family);
    }

    private static boolean sameAddress(InetAddress known, ByteBuffer b, int at, IpFamily family) {
        if (family == IpFamily.IPV4) {
            return known instanceof java.net.Inet4Address && known.hashCode() == bigEndianInt(b, at);
        }
        byte[] raw = known.getAddress();
        if (raw.length == 4) { // an IPv4-mapped address, which Java keeps as IPv4
            for (int i = 0; i < 10; i++) {
                if (b.get(at + i) != 0) {
                    return false;
                }
            }
            return b.get(at + 10) == (byte) 0xff && b.get(at + 11) == (byte) 0xff && known.hashCode() == bigEndianInt(b, at + 12);
        }
        for (int i = 0; i < 16; i++) {
            if (b.get(at + i) != raw[i]) {
                return false;
            }
        }
        return true;
    }

    private static int bigEndianInt(ByteBuffer b, int at) {
        return (Byte.toUnsignedInt(b.get(at)) << 24) | (Byte.toUnsignedInt(b.get(at + 1)) << 16)
                | (Byte.toUnsignedInt(b.get(at + 2)) << 8) | Byte.toUnsignedInt(b.get(at + 3));
    }

    private static int find(long[] cookies, long cookie) {
        int mask = cookies.length - 1;
        int slot = Long.hashCode(cookie * 0x9E3779B97F4A7C15L) & mask;
        while (cookies[slot] != 0 && cookies[slot] != cookie) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldCookies = cookies;
        Socket[] oldSockets = sockets;
        cookies = new long[oldCookies.length * 2];
        sockets = new Socket[oldCookies.length * 2];
        for (int i = 0; i < oldCookies.length; i++) {
            if (oldCookies[i] != 0) {
                int slot = find(cookies, oldCookies[i]);
                cookies[slot] = oldCookies[i];
                sockets[slot] = oldSockets[i];
            }
        }
    }

    @Override
    public String toString() {
        return "SocketRecall[" + size + " sockets]";
    }
}
