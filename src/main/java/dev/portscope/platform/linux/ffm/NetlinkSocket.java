package dev.portscope.platform.linux.ffm;

import static dev.portscope.platform.linux.ffm.Errno.EAGAIN;
import static dev.portscope.platform.linux.ffm.Errno.EINTR;
import static dev.portscope.platform.linux.ffm.Errno.EPERM;
import static dev.portscope.platform.linux.ffm.LinuxConstants.AF_NETLINK;
import static dev.portscope.platform.linux.ffm.LinuxConstants.MSG_TRUNC;
import static dev.portscope.platform.linux.ffm.LinuxConstants.NETLINK_ADD_MEMBERSHIP;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOCK_CLOEXEC;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOCK_RAW;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOL_NETLINK;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOL_SOCKET;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SO_RCVBUF;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SO_RCVBUFFORCE;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SO_RCVTIMEO;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * A netlink socket talking to the kernel ({@code netlink(7)}): {@code socket}, {@code sendto},
 * {@code recv}, {@code setsockopt} and {@code close}, made through {@link Libc}'s one {@code syscall}
 * binding (each downcall handle costs ~8 ms of start-up to link). It owns one native receive
 * buffer, reused for every datagram: {@link #receive} hands out a view of it that stays valid
 * until the next call. Not thread-safe: one thread at a time uses a socket (a scan, or the reader
 * thread of a multicast feed, to which the opening thread hands it).
 *
 * <p>Example: {@code try (var s = NetlinkSocket.open(LinuxConstants.NETLINK_SOCK_DIAG, 128 << 10)) { s.send(req); s.receive(); }}
 *
 * <p>To hear multicast notices instead: {@code s.joinGroups(LinuxConstants.SKNLGRP_INET_TCP_DESTROY)}, then
 * {@code s.receive()} in a loop.
 */
public final class NetlinkSocket implements AutoCloseable {

    private static final int MAX_EINTR_RETRIES = 16;

    private final Arena arena;
    private final int fd;
    private final MemorySegment errno;
    private final MemorySegment receiveBuffer;
    private final MemorySegment kernelAddress;
    private boolean closed;

    private NetlinkSocket(Arena arena, int fd, MemorySegment errno, MemorySegment receiveBuffer, MemorySegment kernelAddress) {
        this.arena = arena;
        this.fd = fd;
        this.errno = errno;
        this.receiveBuffer = receiveBuffer;
        this.kernelAddress = kernelAddress;
    }

    /**
     * Opens {@code socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, protocol)}.
     *
     * @param bufferSize bytes of the reused receive buffer; the kernel sends dump datagrams of at
     *                   most 32 KiB ({@code net/netlink/af_netlink.c: netlink_recvmsg})
     * @throws NetlinkSocketException with the errno of {@code socket(2)} (EAFNOSUPPORT, EPROTONOSUPPORT,
     *                                EACCES under a seccomp policy...)
     */
    public static NetlinkSocket open(int protocol, int bufferSize) throws NetlinkSocketException {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment errno = Libc.errnoSegment(arena);
            int fd = Libc.shared().socket(errno, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
            if (fd < 0) {
                throw failure("socket(AF_NETLINK)", -fd);
            }
            /*
             * struct sockaddr_nl {          // include/uapi/linux/netlink.h
             *     __kernel_sa_family_t nl_family;  // offset 0: AF_NETLINK
             *     unsigned short nl_pad;           // offset 2
             *     __u32 nl_pid;                    // offset 4: 0 = the kernel
             *     __u32 nl_groups;                 // offset 8: no multicast
             * };                                   // 12 bytes
             */
            MemorySegment kernel = arena.allocate(12, 4);
            kernel.set(JAVA_SHORT, 0, (short) AF_NETLINK);
            return new NetlinkSocket(arena, fd, errno, arena.allocate(bufferSize, 8), kernel);
        } catch (NetlinkSocketException | RuntimeException | Error e) {
            arena.close();
            throw e;
        } catch (Throwable e) {
            arena.close();
            throw new IllegalStateException("socket downcall", e);
        }
    }

    /**
     * Makes {@link #receive} give up after this long without a datagram ({@code SO_RCVTIMEO},
     * {@code socket(7)}), so that a kernel that never answers cannot hang a scan.
     */
    public void receiveTimeout(long seconds) throws NetlinkSocketException {
        receiveTimeout(Duration.ofSeconds(seconds));
    }

    /**
     * As {@link #receiveTimeout(long)}, to the microsecond: a reader thread that waits for multicast
     * notices wakes this often to see whether it should stop.
     */
    public void receiveTimeout(Duration timeout) throws NetlinkSocketException {
        try (Arena local = Arena.ofConfined()) {
            // struct timeval { time_t tv_sec; suseconds_t tv_usec; };  // 16 bytes on 64-bit ABIs
            MemorySegment timeval = local.allocate(16, 8);
            timeval.set(JAVA_LONG, 0, timeout.toSeconds());
            timeval.set(JAVA_LONG, 8, timeout.toNanosPart() / 1000L);
            setOption(SOL_SOCKET, SO_RCVTIMEO, timeval, "setsockopt(SO_RCVTIMEO)");
        }
    }

    /**
     * Joins multicast groups of this socket's netlink protocol ({@code netlink(7)}). The socket is
     * bound first to a port id the kernel picks (as sending would do): the kernel does not deliver
     * a multicast to an unbound socket, whose port id 0 is the sender's own
     * ({@code net/netlink/af_netlink.c: do_one_broadcast}). Then {@code NETLINK_ADD_MEMBERSHIP} for
     * each group, which the kernel allows a process without privileges only for protocols that say
     * so ({@code NL_CFG_F_NONROOT_RECV}, as sock_diag does).
     *
     * @throws NetlinkSocketException with the errno of {@code bind(2)} or {@code setsockopt(2)}
     *                                (EPERM for a protocol that keeps its groups to root, EINVAL for
     *                                a group the kernel does not have)
     */
    public void joinGroups(int... groups) throws NetlinkSocketException {
        try (Arena local = Arena.ofConfined()) {
            // sockaddr_nl as in open(): nl_pid 0 asks the kernel to choose, nl_groups 0 joins nothing yet
            MemorySegment self = local.allocate(12, 4);
            self.set(JAVA_SHORT, 0, (short) AF_NETLINK);
            int rc = Libc.shared().bind(errno, fd, self);
            if (rc < 0) {
                throw failure("bind(netlink)", -rc);
            }
            MemorySegment group = local.allocate(JAVA_INT);
            for (int g : groups) {
                group.set(JAVA_INT, 0, g);
                setOption(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group, "setsockopt(NETLINK_ADD_MEMBERSHIP, " + g + ")");
            }
        }
    }

    /**
     * Asks for a receive buffer of {@code bytes}, where the kernel queues datagrams that are not
     * read yet (multicast notices that come faster than they are read; when it is full the kernel
     * drops them and the next {@link #receive} fails with ENOBUFS). {@code SO_RCVBUFFORCE} first,
     * which may exceed {@code net.core.rmem_max} but needs {@code CAP_NET_ADMIN}; else
     * {@code SO_RCVBUF}, which the kernel caps at {@code rmem_max} ({@code socket(7)}).
     *
     * @return the size the kernel granted, as {@code getsockopt(SO_RCVBUF)} reads it: twice what it
     *         accepted, its bookkeeping included
     */
    public int receiveBuffer(int bytes) throws NetlinkSocketException {
        try (Arena local = Arena.ofConfined()) {
            MemorySegment size = local.allocate(JAVA_INT);
            size.set(JAVA_INT, 0, bytes);
            int rc = Libc.shared().setsockopt(errno, fd, SOL_SOCKET, SO_RCVBUFFORCE, size);
            if (rc == -EPERM) {
                setOption(SOL_SOCKET, SO_RCVBUF, size, "setsockopt(SO_RCVBUF)");
            } else if (rc < 0) {
                throw failure("setsockopt(SO_RCVBUFFORCE)", -rc);
            }
            MemorySegment length = local.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, 4);
            rc = Libc.shared().getsockopt(errno, fd, SOL_SOCKET, SO_RCVBUF, size, length);
            if (rc < 0) {
                throw failure("getsockopt(SO_RCVBUF)", -rc);
            }
            return size.get(JAVA_INT, 0);
        }
    }

    private void setOption(int level, int name, MemorySegment value, String call) throws NetlinkSocketException {
        int rc = Libc.shared().setsockopt(errno, fd, level, name, value);
        if (rc < 0) {
            throw failure(call, -rc);
        }
    }

    /** Sends one datagram (one or more netlink messages) to the kernel. */
    public void send(byte[] message) throws NetlinkSocketException {
        try (Arena local = Arena.ofConfined()) {
            MemorySegment data = local.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, message);
            for (int attempt = 0; ; attempt++) {
                long sent = Libc.shared().sendto(errno, fd, data, 0, kernelAddress, 12);
                if (sent >= 0) {
                    return;
                }
                int code = (int) -sent;
                if (code != EINTR || attempt >= MAX_EINTR_RETRIES) {
                    throw failure("sendto(netlink)", code);
                }
            }
        } catch (NetlinkSocketException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("sendto downcall", e);
        }
    }

    /**
     * Receives one datagram into the reused buffer.
     *
     * @return a read-only, native-order view of the datagram, valid until the next call
     * @throws NetlinkSocketException on failure, on a timeout (EAGAIN), or when the datagram did not
     *                                fit the buffer (errno 0)
     */
    public ByteBuffer receive() throws NetlinkSocketException {
        try {
            for (int attempt = 0; ; attempt++) {
                long length = Libc.shared().recv(errno, fd, receiveBuffer, MSG_TRUNC);
                if (length > receiveBuffer.byteSize()) {
                    throw new NetlinkSocketException("recv(netlink)", 0,
                            "datagram of " + length + " bytes is larger than the " + receiveBuffer.byteSize() + "-byte buffer");
                }
                if (length >= 0) {
                    return receiveBuffer.asSlice(0, length).asReadOnly().asByteBuffer().order(ByteOrder.nativeOrder());
                }
                int code = (int) -length;
                if (code == EAGAIN) {
                    throw new NetlinkSocketException("recv(netlink)", code, "no answer from the kernel before the timeout");
                }
                if (code != EINTR || attempt >= MAX_EINTR_RETRIES) {
                    throw failure("recv(netlink)", code);
                }
            }
        } catch (NetlinkSocketException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("recv downcall", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Libc.shared().close(errno, fd); // close(2): the descriptor is gone either way
        } catch (Throwable e) {
            throw new IllegalStateException("close downcall", e);
        } finally {
            arena.close();
        }
    }

    private static NetlinkSocketException failure(String call, int code) {
        return new NetlinkSocketException(call, code, Errno.text(code));
    }

}
