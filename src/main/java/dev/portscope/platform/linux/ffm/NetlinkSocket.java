package dev.portscope.platform.linux.ffm;

import static dev.portscope.platform.linux.ffm.Errno.EAGAIN;
import static dev.portscope.platform.linux.ffm.Errno.EINTR;
import static dev.portscope.platform.linux.ffm.LinuxConstants.AF_NETLINK;
import static dev.portscope.platform.linux.ffm.LinuxConstants.MSG_TRUNC;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOCK_CLOEXEC;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOCK_RAW;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOL_SOCKET;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SO_RCVTIMEO;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A netlink socket talking to the kernel ({@code netlink(7)}): {@code socket}, {@code sendto},
 * {@code recv}, {@code setsockopt} and {@code close}, made through {@link Libc}'s one {@code syscall}
 * binding (each downcall handle costs ~8 ms of start-up to link). It owns one native receive
 * buffer, reused for every datagram: {@link #receive} hands out a view of it that stays valid
 * until the next call. Not thread-safe: one scan uses one socket.
 *
 * <p>Example: {@code try (var s = NetlinkSocket.open(LinuxConstants.NETLINK_SOCK_DIAG, 128 << 10)) { s.send(req); s.receive(); }}
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
        try (Arena local = Arena.ofConfined()) {
            // struct timeval { time_t tv_sec; suseconds_t tv_usec; };  // 16 bytes on 64-bit ABIs
            MemorySegment timeval = local.allocate(16, 8);
            timeval.set(JAVA_LONG, 0, seconds);
            timeval.set(JAVA_LONG, 8, 0L);
            int rc = Libc.shared().setsockopt(errno, fd, SOL_SOCKET, SO_RCVTIMEO, timeval);
            if (rc < 0) {
                throw failure("setsockopt(SO_RCVTIMEO)", -rc);
            }
        } catch (NetlinkSocketException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("setsockopt downcall", e);
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
