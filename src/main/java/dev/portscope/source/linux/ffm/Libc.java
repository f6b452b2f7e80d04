package dev.portscope.source.linux.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Downcall handles for the few glibc calls that walk {@code /proc/<pid>/fd}. Each call returns its
 * result, or {@code -errno} on failure (errno is captured right after the call, before the JVM can
 * overwrite it). Immutable; one instance serves every thread.
 *
 * <p>Needs glibc 2.30 ({@code getdents64}; {@code statx} came in 2.28); {@link #load()}
 * fails on anything older or on a libc without them, and callers fall back to java.nio.
 */
public final class Libc {

    // fcntl.h (include/uapi/asm-generic/fcntl.h; same values on x86-64, arm64, riscv64)
    public static final int O_RDONLY = 0;
    public static final int O_DIRECTORY = 0x10000;
    public static final int O_CLOEXEC = 0x80000;
    /** {@code AT_FDCWD} from {@code fcntl.h}: paths relative to the working directory. */
    public static final int AT_FDCWD = -100;
    // errno-base.h
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EACCES = 13;
    public static final int EPERM = 1;
    public static final int EINTR = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout PTR = ValueLayout.ADDRESS;

    private final MethodHandle openat;
    private final MethodHandle close;
    private final MethodHandle getdents64;
    private final MethodHandle readlinkat;
    private final MethodHandle statx;

    private Libc(SymbolLookup libc) {
        Linker.Option errno = Linker.Option.captureCallState("errno");
        // int openat(int dirfd, const char *pathname, int flags, ...);              openat(2)
        openat = handle(libc, "openat", FunctionDescriptor.of(INT, INT, PTR, INT), errno, Linker.Option.firstVariadicArg(3));
        // int close(int fd);                                                        close(2)
        close = handle(libc, "close", FunctionDescriptor.of(INT, INT), errno);
        // ssize_t getdents64(int fd, void *dirp, size_t count);                     getdents64(2)
        getdents64 = handle(libc, "getdents64", FunctionDescriptor.of(LONG, INT, PTR, LONG), errno);
        // ssize_t readlinkat(int dirfd, const char *pathname, char *buf, size_t bufsiz);  readlinkat(2)
        readlinkat = handle(libc, "readlinkat", FunctionDescriptor.of(LONG, INT, PTR, PTR, LONG), errno);
        // int statx(int dirfd, const char *pathname, int flags, unsigned int mask, struct statx *statxbuf);  statx(2)
        statx = handle(libc, "statx", FunctionDescriptor.of(INT, INT, PTR, INT, INT, PTR), errno);
    }

    /**
     * Binds the calls.
     *
     * @throws UnsupportedOperationException when this is not Linux, or libc lacks a call
     */
    public static Libc load() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            throw new UnsupportedOperationException("not Linux");
        }
        try {
            return new Libc(LINKER.defaultLookup());
        } catch (RuntimeException e) {
            throw new UnsupportedOperationException("libc lacks a call: " + e.getMessage(), e);
        }
    }

    private static MethodHandle handle(SymbolLookup lookup, String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new UnsupportedOperationException("no " + name));
        // With captureCallState the handle takes the state segment as a leading extra argument.
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** A segment to receive errno, one per thread (see {@link Linker.Option#captureCallState}). */
    public static MemorySegment errnoSegment(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** {@code openat(dirfd, path, flags)}: a descriptor, or {@code -errno}. {@code path} is NUL-terminated. */
    public int openat(MemorySegment state, int dirfd, MemorySegment path, int flags) {
        try {
            int fd = (int) openat.invokeExact(state, dirfd, path, flags);
            return fd >= 0 ? fd : -errno(state);
        } catch (Throwable e) {
            throw new AssertionError("openat", e);
        }
    }

    /** {@code close(fd)}. Errors are ignored: on Linux the descriptor is released even when close fails. */
    public void close(MemorySegment state, int fd) {
        try {
            int ignored = (int) close.invokeExact(state, fd);
        } catch (Throwable e) {
            throw new AssertionError("close", e);
        }
    }

    /** {@code getdents64(fd, buf, buf.byteSize())}: bytes of {@code linux_dirent64} records, 0 at the end, or {@code -errno}. */
    public int getdents64(MemorySegment state, int fd, MemorySegment buf) {
        try {
            long n = (long) getdents64.invokeExact(state, fd, buf, buf.byteSize());
            return n >= 0 ? (int) n : -errno(state);
        } catch (Throwable e) {
            throw new AssertionError("getdents64", e);
        }
    }

    /** {@code readlinkat}: the length of the (not NUL-terminated) target written to {@code buf}, or {@code -errno}. */
    public int readlinkat(MemorySegment state, int dirfd, MemorySegment name, MemorySegment buf) {
        try {
            long n = (long) readlinkat.invokeExact(state, dirfd, name, buf, buf.byteSize());
            return n >= 0 ? (int) n : -errno(state);
        } catch (Throwable e) {
            throw new AssertionError("readlinkat", e);
        }
    }

    /** {@code statx(dirfd, name, flags, mask, buf)}: 0, or {@code -errno}. See {@link FdReader#socketInodeAt}. */
    public int statx(MemorySegment state, int dirfd, MemorySegment name, int flags, int mask, MemorySegment statxbuf) {
        try {
            int rc = (int) statx.invokeExact(state, dirfd, name, flags, mask, statxbuf);
            return rc == 0 ? 0 : -errno(state);
        } catch (Throwable e) {
            throw new AssertionError("statx", e);
        }
    }
}
