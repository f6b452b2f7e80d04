package dev.portscope.platform.linux;

/** Pure decoder of descriptor link targets under {@code /proc/<pid>/fd} ({@code proc_pid_fd(5)}). */
final class FdLinks {

    private static final byte[] SOCKET = {'s', 'o', 'c', 'k', 'e', 't', ':', '['};

    private FdLinks() {}

    /**
     * The inode of a socket link {@code socket:[12345]}, from its bytes, without making a String.
     *
     * @param length the link's length as {@code readlink(2)} returned it
     * @return the inode, or -1 when the link is not a socket (a file, {@code pipe:[…]}, {@code anon_inode:…})
     *         or is malformed
     */
    static long socketInode(byte[] link, int length) {
        if (length < SOCKET.length + 2 || length > link.length || link[length - 1] != ']') {
            return -1;
        }
        for (int i = 0; i < SOCKET.length; i++) {
            if (link[i] != SOCKET[i]) {
                return -1;
            }
        }
        long value = 0;
        for (int i = SOCKET.length; i < length - 1; i++) {
            int d = link[i] - '0';
            if (d < 0 || d > 9 || value > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
