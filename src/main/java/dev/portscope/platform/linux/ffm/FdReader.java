package dev.portscope.platform.linux.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One thread's native buffers for reading descriptor directories: a {@code getdents64} buffer, a
 * {@code readlinkat} buffer and a path buffer, allocated once and reused for
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

    private final Libc libc;
    private final Arena arena;
    private final MemorySegment state;
    private final MemorySegment dirents;
    private final MemorySegment link;
    private final MemorySegment path;

    /** @param direntBufferBytes size of the {@code getdents64} buffer; 32 KiB reads ~1,300 entries per call */
    public FdReader(Libc libc, int direntBufferBytes) {
        this(libc, direntBufferBytes, false);
    }

    /**
     * @param anyThread whether any thread may use it (one at a time): a long-running tracker's
     *                  reader, which a server may refresh from one thread and close from another
     */
    public FdReader(Libc libc, int direntBufferBytes, boolean anyThread) {
        this.libc = libc;
        this.arena = anyThread ? Arena.ofShared() : Arena.ofConfined();
        this.state = Libc.errnoSegment(arena);
        this.dirents = arena.allocate(direntBufferBytes, 8);
        this.link = arena.allocate(LINK_BUFFER_BYTES);
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
     * Reads the target of the link at {@code name} (bytes {@code [0, length)}, without a NUL), relative to {@code dirfd}.
     *
     * @return the target's length in {@code into} (at most {@link #LINK_BUFFER_BYTES}), or {@code -errno}
     */
    public int readLink(int dirfd, byte[] name, int length, byte[] into) {
        if (length >= PATH_BUFFER_BYTES) {
            return -Errno.ENAMETOOLONG;
        }
        MemorySegment.copy(name, 0, path, ValueLayout.JAVA_BYTE, 0, length);
        path.set(ValueLayout.JAVA_BYTE, length, (byte) 0);
        int n = libc.readlinkat(state, dirfd, path, link);
        if (n > 0) {
            MemorySegment.copy(link, ValueLayout.JAVA_BYTE, 0, into, 0, Math.min(n, into.length));
        }
        return n;
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
