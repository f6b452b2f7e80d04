package dev.portscope.platform.linux;

import dev.portscope.platform.linux.ffm.FdReader;
import dev.portscope.platform.linux.ffm.Libc;

/**
 * Reads the sockets one process holds: {@code openat("<pid>/fd")}, {@code getdents64} and, per
 * descriptor, {@code readlinkat} into reused buffers. One per thread; what cannot be read is judged
 * by {@link OwnerScanProblems}.
 */
final class SocketDescriptors implements AutoCloseable {

    private final FdReader reader;
    private final byte[] dirents;
    private final byte[] link = new byte[FdReader.LINK_BUFFER_BYTES];
    private final byte[] path = new byte[40];

    SocketDescriptors(Libc libc, int direntBufferBytes) {
        this(libc, direntBufferBytes, false);
    }

    /** @param anyThread see {@link FdReader#FdReader(Libc, int, boolean)} */
    SocketDescriptors(Libc libc, int direntBufferBytes, boolean anyThread) {
        this.reader = new FdReader(libc, direntBufferBytes, anyThread);
        this.dirents = new byte[reader.direntBufferBytes()];
    }

    FdReader reader() {
        return reader;
    }

    /** Receives a socket's descriptor number and inode. */
    @FunctionalInterface
    interface Sink {
        void accept(int fd, long inode);
    }

    /**
     * Hands every socket descriptor {@code pid} holds to {@code sockets}, with its number.
     *
     * @param procFd an open descriptor of {@code /proc}
     * @return false when the process's descriptors could not be listed (it exited, or a refusal,
     *         which {@code problems} counts); true when they were, even if some link was not read
     */
    boolean read(int procFd, int pid, OwnerScanProblems problems, Sink sockets) {
        int length = FdOwnerScanner.pidFdPath(pid, path);
        int dirFd = reader.openDirectory(procFd, path, 0, length);
        if (dirFd < 0) {
            problems.processFailed(pid, -dirFd); // ENOENT, ESRCH: exited since /proc was listed
            return false;
        }
        try {
            int n;
            while ((n = reader.readDirectory(dirFd, dirents)) > 0) {
                for (int pos = 0; pos < n; pos = FdDirents.next(dirents, pos, n)) {
                    int fd = FdDirents.decimalName(dirents, pos);
                    if (fd < 0) {
                        continue; // "." and ".."
                    }
                    long inode = inodeOf(pid, dirFd, pos, problems);
                    if (inode > 0) {
                        sockets.accept(fd, inode);
                    }
                }
            }
            if (n < 0) {
                problems.processFailed(pid, -n);
                return false;
            }
            return true;
        } finally {
            reader.closeDescriptor(dirFd);
        }
    }

    private long inodeOf(int pid, int dirFd, int pos, OwnerScanProblems problems) {
        int n = reader.readLinkAt(dirFd, pos + FdDirents.NAME, link);
        if (n < 0) {
            problems.descriptorFailed(pid, -n); // ENOENT: closed meanwhile
            return -1;
        }
        // n == buffer size: possibly truncated, and too long for a socket
        return n > 0 && n < link.length ? FdLinks.socketInode(link, n) : -1;
    }

    /**
     * The inode of the socket descriptor {@code fd} of {@code pid} refers to now, or -1 when it is
     * closed, not a socket, or unreadable.
     */
    long socketAt(int procFd, int pid, int fd) {
        int length = FdOwnerScanner.pidFdPath(pid, path);
        path[length++] = '/';
        length += decimal(fd, path, length);
        int n = reader.readLink(procFd, path, length, link);
        return n > 0 && n < link.length ? FdLinks.socketInode(link, n) : -1;
    }

    private static int decimal(int value, byte[] into, int at) {
        String text = Integer.toString(value);
        for (int i = 0; i < text.length(); i++) {
            into[at + i] = (byte) text.charAt(i);
        }
        return text.length();
    }

    @Override
    public void close() {
        reader.close();
    }
}
