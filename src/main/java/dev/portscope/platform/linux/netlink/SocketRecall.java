package dev.portscope.platform.linux.netlink;

import dev.portscope.model.Socket;
import java.util.Arrays;

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
        return "SocketRecall" + Arrays.toString(new int[] {size});
    }
}
