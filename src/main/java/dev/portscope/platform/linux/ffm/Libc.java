package dev.portscope.platform.linux.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;

/**
 * The system calls that walk {@code /proc/<pid>/fd}, talk netlink and drive the sockets of a connect
 * scan, made through one downcall handle to libc's
 * {@code long syscall(long number, ...)} ({@code syscall(2)}). One handle rather than one per function:
 * each downcall handle costs tens of milliseconds to link in a freshly started JVM, more than a
 * small scan takes; and {@code syscall} is in every libc, whatever its version.
 *
 * <p>Each call returns its result, or {@code -errno} on failure (errno is captured right after the
 * call, before the JVM can overwrite it). Immutable; one instance serves every thread.
 */
public final class Libc {

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** System call numbers of one architecture. */
    private record Numbers(
            long openat, long close, long getdents64, long readlinkat,
            long socket, long sendto, long recvfrom, long setsockopt, long bind, long listen,
            long connect, long getsockname, long getsockopt, long ppoll, long ioctl, long setns) {

        static Numbers of(String arch) {
            return switch (arch) {
                // arch/x86/entry/syscalls/syscall_64.tbl
                case "amd64", "x86_64" -> new Numbers(257, 3, 217, 267, 41, 44, 45, 54, 49, 50, 42, 51, 55, 271, 16, 308);
                // include/uapi/asm-generic/unistd.h, used by arm64 and riscv64
                case "aarch64", "riscv64" -> new Numbers(56, 57, 61, 78, 198, 206, 207, 208, 200, 201, 203, 204, 209, 73, 29, 268);
                default -> throw new UnsupportedOperationException("system call numbers unknown on " + arch);
            };
        }
    }

    /**
     * The one binding of this JVM, made on first use: linking costs more than most scans. When it
     * cannot be made, the reason is kept, so that every later caller hears the same answer (a failed
     * class initializer would answer the first with its cause and the rest with NoClassDefFoundError).
     */
    private static final class Shared {
        static final Libc INSTANCE;
        static final String UNAVAILABLE;

        static {
            Libc libc = null;
            String why = null;
            try {
                libc = load();
            } catch (UnsupportedOperationException | IllegalCallerException | LinkageError e) {
                // not Linux or an unknown architecture; native access denied (--illegal-native-access=deny)
                why = e.getMessage() != null ? e.getMessage() : e.toString();
            }
            INSTANCE = libc;
            UNAVAILABLE = why;
        }
    }

    private final MethodHandle syscall;
    private final Numbers nr;

    private Libc(MethodHandle syscall, Numbers nr) {
        this.syscall = syscall;
        this.nr = nr;
    }

    /**
     * Binds {@code syscall}: the only downcall portscope links, once per JVM (see {@link Shared}).
     *
     * @throws UnsupportedOperationException when this is not Linux on x86-64, arm64 or riscv64
     */
    private static Libc load() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            throw new UnsupportedOperationException("not Linux");
        }
        Numbers nr = Numbers.of(System.getProperty("os.arch", ""));
        Linker linker = Linker.nativeLinker();
        MemorySegment symbol = linker.defaultLookup().find("syscall")
                .orElseThrow(() -> new UnsupportedOperationException("libc has no syscall()"));
        // long syscall(long number, ...): every argument is passed as a long, as the kernel takes them;
        // six of them, the most a system call takes (unused ones are ignored by the kernel).
        ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
        MethodHandle handle = linker.downcallHandle(
                symbol,
                FunctionDescriptor.of(l, l, l, l, l, l, l, l),
                Linker.Option.firstVariadicArg(1),
                Linker.Option.captureCallState("errno"));
        return new Libc(handle, nr);
    }

    /**
     * The one probe of whether FFM works here: why the system calls cannot be made (not Linux on
     * x86-64, arm64 or riscv64, no {@code syscall} in libc, native access denied), or empty when
     * they can. Binds on first use, as {@link #shared} does.
     */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(Shared.UNAVAILABLE);
    }

    /**
     * The binding shared by every caller in this JVM.
     *
     * @throws UnsupportedOperationException with {@link #unavailableReason} when there is none
     */
    public static Libc shared() {
        Libc libc = Shared.INSTANCE;
        if (libc == null) {
            throw new UnsupportedOperationException(Shared.UNAVAILABLE);
        }
        return libc;
    }

    /** A segment to receive errno, one per thread (see {@link Linker.Option#captureCallState}). */
    public static MemorySegment errnoSegment(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    private long call(MemorySegment state, long number, long a, long b, long c, long d, long e) {
        return call(state, number, a, b, c, d, e, 0);
    }

    private long call(MemorySegment state, long number, long a, long b, long c, long d, long e, long f) {
        long result;
        try {
            result = (long) syscall.invokeExact(state, number, a, b, c, d, e, f);
        } catch (Throwable t) {
            throw new AssertionError("syscall " + number, t);
        }
        return result >= 0 ? result : -(int) ERRNO.get(state, 0L);
    }

    /** {@code openat(dirfd, path, flags)} ({@code openat(2)}): a descriptor, or {@code -errno}. {@code path} is NUL-terminated. */
    public int openat(MemorySegment state, int dirfd, MemorySegment path, int flags) {
        return (int) call(state, nr.openat(), dirfd, path.address(), flags, 0, 0);
    }

    /** {@code close(fd)} ({@code close(2)}). Errors are ignored: on Linux the descriptor is released even when close fails. */
    public void close(MemorySegment state, int fd) {
        call(state, nr.close(), fd, 0, 0, 0, 0);
    }

    /**
     * {@code getdents64(fd, buf, buf.byteSize())} ({@code getdents64(2)}): bytes of {@code linux_dirent64}
     * records, 0 at the end of the directory, or {@code -errno}.
     */
    public int getdents64(MemorySegment state, int fd, MemorySegment buf) {
        return (int) call(state, nr.getdents64(), fd, buf.address(), buf.byteSize(), 0, 0);
    }

    /**
     * {@code readlinkat(dirfd, name, buf, buf.byteSize())} ({@code readlinkat(2)}): the length of the
     * target written to {@code buf} (not NUL-terminated, silently truncated), or {@code -errno}.
     */
    public int readlinkat(MemorySegment state, int dirfd, MemorySegment name, MemorySegment buf) {
        return (int) call(state, nr.readlinkat(), dirfd, name.address(), buf.address(), buf.byteSize(), 0);
    }

    /** {@code socket(domain, type, protocol)} ({@code socket(2)}): a descriptor, or {@code -errno}. */
    public int socket(MemorySegment state, int domain, int type, int protocol) {
        return (int) call(state, nr.socket(), domain, type, protocol, 0, 0);
    }

    /** {@code sendto(fd, buf, buf.byteSize(), flags, to, toLength)} ({@code sendto(2)}): bytes sent, or {@code -errno}. */
    public long sendto(MemorySegment state, int fd, MemorySegment buf, int flags, MemorySegment to, int toLength) {
        return call(state, nr.sendto(), fd, buf.address(), buf.byteSize(), flags, to.address(), toLength);
    }

    /** {@code recvfrom(fd, buf, buf.byteSize(), flags, NULL, NULL)} ({@code recv(2)}): the datagram's length, or {@code -errno}. */
    public long recv(MemorySegment state, int fd, MemorySegment buf, int flags) {
        return call(state, nr.recvfrom(), fd, buf.address(), buf.byteSize(), flags, 0);
    }

    /** {@code connect(fd, address, length)} ({@code connect(2)}): 0, or {@code -errno} ({@code -EINPROGRESS} on a non-blocking socket). */
    public int connect(MemorySegment state, int fd, MemorySegment address, int length) {
        return (int) call(state, nr.connect(), fd, address.address(), length, 0, 0);
    }

    /**
     * {@code getsockopt(fd, level, name, value, length)} ({@code getsockopt(2)}): 0, or {@code -errno};
     * {@code length} holds the size of {@code value} on entry, what was written on return.
     */
    public int getsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value, MemorySegment length) {
        return (int) call(state, nr.getsockopt(), fd, level, name, value.address(), length.address());
    }

    /** {@code getsockname(fd, address, length)} ({@code getsockname(2)}): 0, or {@code -errno}; {@code length} as in getsockopt. */
    public int getsockname(MemorySegment state, int fd, MemorySegment address, MemorySegment length) {
        return (int) call(state, nr.getsockname(), fd, address.address(), length.address(), 0, 0);
    }

    /**
     * {@code ppoll(fds, count, timeout, NULL, 0)} ({@code ppoll(2)}; {@code poll(2)} itself is missing on arm64):
     * the number of descriptors with events, 0 on timeout, or {@code -errno}.
     */
    public int ppoll(MemorySegment state, MemorySegment fds, int count, MemorySegment timeout) {
        return (int) call(state, nr.ppoll(), fds.address(), count, timeout.address(), 0, 0);
    }

    /** {@code setsockopt(fd, level, name, value, value.byteSize())} ({@code setsockopt(2)}): 0, or {@code -errno}. */
    public int setsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value) {
        return (int) call(state, nr.setsockopt(), fd, level, name, value.address(), value.byteSize());
    }

    /** {@code bind(fd, address, address.byteSize())} ({@code bind(2)}): 0, or {@code -errno}. */
    public int bind(MemorySegment state, int fd, MemorySegment address) {
        return (int) call(state, nr.bind(), fd, address.address(), address.byteSize(), 0, 0);
    }

    /** {@code listen(fd, backlog)} ({@code listen(2)}): 0, or {@code -errno}. */
    public int listen(MemorySegment state, int fd, int backlog) {
        return (int) call(state, nr.listen(), fd, backlog, 0, 0, 0);
    }

    /**
     * {@code setns(fd, nstype)} ({@code setns(2)}): moves the calling thread, and only it, into the
     * namespace {@code fd} refers to; 0, or {@code -errno} (EPERM without CAP_SYS_ADMIN over it).
     */
    public int setns(MemorySegment state, int fd, int nstype) {
        return (int) call(state, nr.setns(), fd, nstype, 0, 0, 0);
    }

    /** {@code ioctl(fd, request, arg)} ({@code ioctl(2)}): the call's result, or {@code -errno}. */
    public int ioctl(MemorySegment state, int fd, long request, MemorySegment arg) {
        return (int) call(state, nr.ioctl(), fd, request, arg.address(), 0, 0);
    }
}
