package dev.portscope.platform.linux.ffm;

import static dev.portscope.platform.linux.ffm.Errno.EALREADY;
import static dev.portscope.platform.linux.ffm.Errno.ECONNREFUSED;
import static dev.portscope.platform.linux.ffm.Errno.EHOSTUNREACH;
import static dev.portscope.platform.linux.ffm.Errno.EINPROGRESS;
import static dev.portscope.platform.linux.ffm.Errno.EINTR;
import static dev.portscope.platform.linux.ffm.Errno.ENETUNREACH;
import static dev.portscope.platform.linux.ffm.Errno.ETIMEDOUT;
import static dev.portscope.platform.linux.ffm.LinuxConstants.AF_INET;
import static dev.portscope.platform.linux.ffm.LinuxConstants.AF_INET6;
import static dev.portscope.platform.linux.ffm.LinuxConstants.POLLERR;
import static dev.portscope.platform.linux.ffm.LinuxConstants.POLLHUP;
import static dev.portscope.platform.linux.ffm.LinuxConstants.POLLOUT;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOCK_CLOEXEC;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOCK_NONBLOCK;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOCK_STREAM;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOL_SOCKET;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SO_ERROR;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.portscope.platform.ConnectCalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * {@link ConnectCalls} through {@link Libc}'s one {@code syscall} binding: {@code socket},
 * {@code connect}, {@code getsockopt(SO_ERROR)}, {@code ppoll}, {@code getsockname}, {@code close}.
 * A refused port on loopback costs two {@code connect} calls on a socket reused from the port
 * before (see {@link #start}). Confined to the thread that made it.
 */
public final class LinuxConnectCalls implements ConnectCalls {

    private final Libc libc;
    /** Whether refused sockets are connected again; off for good if the kernel ever answers a reused socket unexpectedly. */
    private boolean reuse = true;
    private final Arena arena;
    /** A socket whose last connect was refused, ready for the next one, per family; -1 when none. */
    private int spare4 = -1;
    private int spare6 = -1;
    private final MemorySegment errno;
    /** The target's {@link InetSockaddr}, and then what getsockname returns. */
    private final MemorySegment address;
    private final MemorySegment intValue;
    private final MemorySegment length;
    /** {@code struct pollfd { int fd; short events; short revents; }} ({@code poll.h}), as many as the scan keeps in flight. */
    private MemorySegment pollFds;
    /** {@code struct timespec { time_t tv_sec; long tv_nsec; }}: 16 bytes on 64-bit ABIs. */
    private final MemorySegment timespec;

    private LinuxConnectCalls(Libc libc) {
        this.libc = libc;
        this.arena = Arena.ofConfined();
        this.errno = Libc.errnoSegment(arena);
        this.address = arena.allocate(InetSockaddr.MAX_BYTES, 8);
        this.intValue = arena.allocate(4, 4);
        this.length = arena.allocate(4, 4);
        this.pollFds = arena.allocate(8L * 64, 8);
        this.timespec = arena.allocate(16, 8);
    }

    /** A new instance for this thread; {@link UnsupportedOperationException} where {@link Libc#unavailableReason} says why not. */
    public static LinuxConnectCalls open() {
        return new LinuxConnectCalls(Libc.shared());
    }

    @Override
    public Step start(InetSocketAddress target) {
        boolean v4 = target.getAddress() instanceof Inet4Address;
        int fd = v4 ? spare4 : spare6;
        boolean reused = fd >= 0;
        if (v4) {
            spare4 = -1;
        } else {
            spare6 = -1;
        }
        if (!reused) {
            fd = libc.socket(errno, v4 ? AF_INET : AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                return new Step(-1, Outcome.FAILED, "socket: " + Errno.text(-fd));
            }
        }
        int addressLength = InetSockaddr.encode(address, target.getAddress(), target.getPort());
        int rc = libc.connect(errno, fd, address, addressLength);
        if (reused && -rc != EINPROGRESS) {
            // not the state a reset socket is in: never trust reuse again on this kernel, and start afresh
            libc.close(errno, fd);
            reuse = false;
            return start(target);
        }
        if (rc == 0) {
            return new Step(fd, Outcome.OPEN, "");
        }
        if (-rc != EINPROGRESS) {
            return settled(fd, -rc);
        }
        if (!reuse) {
            return check(fd);
        }
        // On loopback the answer was handled before connect(2) returned. Asking again reports it: 0 when
        // connected, ECONNREFUSED when refused, and then the kernel has reset the socket (tcp_disconnect),
        // so it can connect again: a refused port costs two system calls, no socket() and no close().
        rc = libc.connect(errno, fd, address, addressLength);
        if (rc == 0) {
            return new Step(fd, Outcome.OPEN, "");
        }
        if (-rc == EALREADY) {
            return new Step(fd, Outcome.IN_PROGRESS, "");
        }
        if (-rc == ECONNREFUSED) {
            if (v4 && spare4 < 0) {
                spare4 = fd;
                return new Step(-1, Outcome.REFUSED, "");
            }
            if (!v4 && spare6 < 0) {
                spare6 = fd;
                return new Step(-1, Outcome.REFUSED, "");
            }
        }
        return settled(fd, -rc);
    }

    @Override
    public Step check(int fd) {
        length.set(JAVA_INT, 0, 4);
        int rc = libc.getsockopt(errno, fd, SOL_SOCKET, SO_ERROR, intValue, length);
        if (rc < 0) {
            return new Step(fd, Outcome.FAILED, "getsockopt: " + Errno.text(-rc));
        }
        int error = intValue.get(JAVA_INT, 0);
        if (error != 0) {
            return settled(fd, error);
        }
        // no error: connected, or still waiting for the peer
        pollFds.set(JAVA_INT, 0, fd);
        pollFds.set(JAVA_SHORT, 4, POLLOUT);
        pollFds.set(JAVA_SHORT, 6, (short) 0);
        timespec.set(JAVA_LONG, 0, 0);
        timespec.set(JAVA_LONG, 8, 0);
        int ready = libc.ppoll(errno, pollFds, 1, timespec);
        if (ready <= 0) {
            return new Step(fd, Outcome.IN_PROGRESS, "");
        }
        short events = pollFds.get(JAVA_SHORT, 6);
        if ((events & (POLLERR | POLLHUP)) != 0) {
            return check(fd); // an error arrived between the two calls: SO_ERROR has it now
        }
        return new Step(fd, Outcome.OPEN, "");
    }

    private static Step settled(int fd, int error) {
        return switch (error) {
            case ECONNREFUSED -> new Step(fd, Outcome.REFUSED, "");
            case EHOSTUNREACH, ENETUNREACH, ETIMEDOUT -> new Step(fd, Outcome.UNREACHABLE, "");
            case EINPROGRESS -> new Step(fd, Outcome.IN_PROGRESS, "");
            default -> new Step(fd, Outcome.FAILED, "connect: " + Errno.text(error));
        };
    }

    @Override
    public int await(int[] fds, int count, long millis, boolean[] ready) {
        if (pollFds.byteSize() < 8L * count) {
            pollFds = arena.allocate(8L * count, 8);
        }
        for (int i = 0; i < count; i++) {
            pollFds.set(JAVA_INT, 8L * i, fds[i]);
            pollFds.set(JAVA_SHORT, 8L * i + 4, POLLOUT);
            pollFds.set(JAVA_SHORT, 8L * i + 6, (short) 0);
        }
        timespec.set(JAVA_LONG, 0, millis / 1000);
        timespec.set(JAVA_LONG, 8, (millis % 1000) * 1_000_000L);
        int n = libc.ppoll(errno, pollFds, count, timespec);
        if (n < 0 && -n != EINTR) {
            throw new IllegalStateException("ppoll: " + Errno.text(-n));
        }
        int marked = 0;
        for (int i = 0; i < count; i++) {
            ready[i] = n > 0 && pollFds.get(JAVA_SHORT, 8L * i + 6) != 0;
            marked += ready[i] ? 1 : 0;
        }
        return marked;
    }

    @Override
    public boolean connectedToItself(int fd, InetSocketAddress target) {
        length.set(JAVA_INT, 0, InetSockaddr.MAX_BYTES);
        int rc = libc.getsockname(errno, fd, address, length);
        if (rc < 0) {
            return false;
        }
        // the same family, address and port: a TCP simultaneous open of the socket with itself
        InetSocketAddress own = InetSockaddr.decode(address, length.get(JAVA_INT, 0));
        return own.getPort() == target.getPort() && own.getAddress().equals(target.getAddress());
    }

    @Override
    public void close(int fd) {
        libc.close(errno, fd);
    }

    @Override
    public void close() {
        if (spare4 >= 0) {
            libc.close(errno, spare4);
        }
        if (spare6 >= 0) {
            libc.close(errno, spare6);
        }
        arena.close();
    }
}
