package dev.portscope.platform.linux.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One thread's native buffers for reading descriptor directories: a {@code getdents64} buffer, a
 * {@code readlinkat} buffer, a {@code struct statx} and a path buffer, allocated once and reused for
 * every process, so a scan of 200,000 descriptors allocates nothing per descriptor. Not thread-safe:
 * make one per thread, in that thread, and close it there.
 *
 * <p>Directory bytes are copied to a Java array for the pure decoder ({@code FdDirents}); names are
 * handed back to the kernel by their offset in the native copy, where the kernel left them
 * NUL-terminated.
 */
public final class FdReader implements AutoCloseable {

    /** Enough for {@code socket:[4294967295]} and then some; longer targets are not sockets anyway. */
    public static final int LINK_BUFFER_BYTES = 64;
    private static final int PATH_BUFFER_BYTES = 4096; // PATH_MAX, limits.h

    /**
     * {@code struct statx}, the same on every architecture:
     * <pre>
     * struct statx {                 // include/uapi/linux/stat.h
     *     __u32 stx_mask;            // offset 0: which fields were filled
     *     __u32 stx_blksize;         // 4
     *     __u64 stx_attributes;      // 8
     *     __u32 stx_nlink;           // 16
     *     __u32 stx_uid;             // 20
     *     __u32 stx_gid;             // 24
     *     __u16 stx_mode;            // 28
     *     __u16 __spare0;            // 30
     *     __u64 stx_ino;             // 32
     *     ...                        // 256 bytes in all
     * };
     * </pre>
     */
    private static final long STX_MASK = 0;
    private static final long STX_MODE = 28;
    private static final long STX_INO = 32;
    private static final int STATX_BYTES = 256;
    private static final int STATX_TYPE = 0x1;    // linux/stat.h
    private static final int STATX_INO = 0x100;
    /**
     * {@code AT_STATX_DONT_SYNC} (fcntl.h): take what the kernel has cached, so a descriptor on a dead
     * NFS or FUSE mount cannot hang the scan.
     */
    private static final int AT_STATX_DONT_SYNC = 0x4000;
    private static final int S_IFMT = 0170000;  // sys/stat.h, inode(7)
    private static final int S_IFSOCK = 0140000;

    private final Libc libc;
    private final Arena arena;
    private final MemorySegment state;
    private final MemorySegment dirents;
    private final MemorySegment link;
    private final MemorySegment stat;
    private final MemorySegment path;

    /** @param direntBufferBytes size of the {@code getdents64} buffer; 32 KiB reads ~1,300 entries per call */
    public FdReader(Libc libc, int direntBufferBytes) {
        this.libc = libc;
        this.arena = Arena.ofConfined();
        this.state = Libc.errnoSegment(arena);
        this.dirents = arena.allocate(direntBufferBytes, 8);
        this.link = arena.allocate(LINK_BUFFER_BYTES);
        this.stat = arena.allocate(STATX_BYTES, 8);
        this.path = arena.allocate(PATH_BUFFER_BYTES);
    }

    /** The size of the directory buffer; {@link #readDirectory} needs a Java array at least this long. */
    public int direntBufferBytes() {
        return (int) dirents.byteSize();
    }

    /**
     * Opens a directory, relative to {@code dirfd} ({@link LinuxConstants#AT_FDCWD} for the working directory).
     *
     * @param name the path's bytes {@code [offset, offset + length)}, without a NUL
     * @return a descriptor, or {@code -errno}
     */
    public int openDirectory(int dirfd, byte[] name, int offset, int length) {
        if (length >= PATH_BUFFER_BYTES) {
            return -Errno.ENAMETOOLONG;
        }
        MemorySegment.copy(name, offset, path, ValueLayout.JAVA_BYTE, 0, length);
        path.set(ValueLayout.JAVA_BYTE, length, (byte) 0);
        return libc.openat(state, dirfd, path, LinuxConstants.O_RDONLY | LinuxConstants.O_DIRECTORY | LinuxConstants.O_CLOEXEC);
    }

    /**
     * Reads the next batch of {@code linux_dirent64} records of a directory into {@code into}.
     *
     * @return the number of bytes read, 0 at the end of the directory, or {@code -errno}
     */
    public int readDirectory(int dirfd, byte[] into) {
        int n = libc.getdents64(state, dirfd, dirents);
        if (n > 0) {
            MemorySegment.copy(dirents, ValueLayout.JAVA_BYTE, 0, into, 0, n);
        }
        return n;
    }

    /**
     * Reads the target of a link named by a record of the last {@link #readDirectory} batch.
     *
     * @param nameOffset where the record's NUL-terminated name starts in that batch
     * @return the target's length in {@code into} (at most {@link #LINK_BUFFER_BYTES}), or {@code -errno}
     */
    public int readLinkAt(int dirfd, int nameOffset, byte[] into) {
        int n = libc.readlinkat(state, dirfd, dirents.asSlice(nameOffset), link);
        if (n > 0) {
            MemorySegment.copy(link, ValueLayout.JAVA_BYTE, 0, into, 0, Math.min(n, into.length));
        }
        return n;
    }

    /**
     * Stats what a descriptor link of the last batch points to ({@code statx} follows the link): for a
     * socket, {@code stx_ino} is the socket's inode, the number in {@code socket:[N]}.
     *
     * @return the inode, 0 when it is not a socket, or {@code -errno}
     */
    public long socketInodeAt(int dirfd, int nameOffset) {
        int rc = libc.statx(state, dirfd, dirents.asSlice(nameOffset), AT_STATX_DONT_SYNC, STATX_TYPE | STATX_INO, stat);
        if (rc < 0) {
            return rc;
        }
        int filled = stat.get(ValueLayout.JAVA_INT, STX_MASK);
        int mode = Short.toUnsignedInt(stat.get(ValueLayout.JAVA_SHORT, STX_MODE));
        boolean socket = (filled & (STATX_TYPE | STATX_INO)) == (STATX_TYPE | STATX_INO) && (mode & S_IFMT) == S_IFSOCK;
        return socket ? stat.get(ValueLayout.JAVA_LONG, STX_INO) : 0;
    }

    public void closeDescriptor(int fd) {
        libc.close(state, fd);
    }

    /** Frees the buffers. */
    @Override
    public void close() {
        arena.close();
    }
}
