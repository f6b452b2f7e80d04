package dev.portscope.platform.linux.netlink;

/**
 * The socket cookies one dump has handed over, to drop repeats: a dump that spans several reads
 * resumes at a position in a hash chain, and a socket inserted before that position meanwhile moves
 * the others along, so the kernel sends some of them twice (net/ipv4/inet_diag.c walks by bucket and
 * index). Primitive open addressing: 200,000 sockets take 4 MB, not the 15 MB of a {@code HashSet<Long>}.
 */
final class CookieSet {

    private long[] slots = new long[1024];
    private int size;

    /** Adds a cookie; false when it was already there. Cookie 0 (unknown) is never a repeat. */
    boolean add(long cookie) {
        if (cookie == 0) {
            return true;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        for (int i = mix(cookie) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == 0) {
                slots[i] = cookie;
                size++;
                return true;
            }
            if (slots[i] == cookie) {
                return false;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long cookie : old) {
            if (cookie != 0) {
                add(cookie);
            }
        }
    }

    /** Cookies count up from a per-boot counter: spread them over the table (Stafford's mix13). */
    private static int mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return (int) (x ^ (x >>> 31));
    }
}
