package dev.portscope.platform.linux.ffm;

/**
 * The kernel's socket, file and poll numbers that portscope passes to system calls or reads from
 * the kernel's answers, each defined once, with the header it comes from. The values are those of
 * x86-64, arm64 and riscv64, the architectures {@link Libc} knows (alpha, mips, parisc and sparc
 * differ in a few). Errno numbers are in {@link Errno}; offsets inside one struct stay beside that
 * struct's diagram (statx in {@link FdReader}, winsize in {@link TerminalWindow}).
 *
 * <p>Pure numbers, no native access: the netlink decoder uses them too, and as compile-time
 * constants they are copied into their users, so this class is never loaded.
 */
public final class LinuxConstants {

    // Address families: include/linux/socket.h
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;

    // Socket types: include/linux/net.h (enum sock_type); SOCK_NONBLOCK and SOCK_CLOEXEC are
    // O_NONBLOCK and O_CLOEXEC (include/uapi/asm-generic/fcntl.h), or-ed into the type
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;

    // IP protocols: include/uapi/linux/in.h
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_IPV6 = 41;

    /** {@code NETLINK_SOCK_DIAG}, the netlink protocol of {@code sock_diag(7)}: include/uapi/linux/netlink.h. */
    public static final int NETLINK_SOCK_DIAG = 4;
    /** {@code NETLINK_NETFILTER}, the netlink protocol of nfnetlink (nf_tables): include/uapi/linux/netlink.h. */
    public static final int NETLINK_NETFILTER = 12;

    /** The level of netlink's own socket options: include/linux/socket.h. */
    public static final int SOL_NETLINK = 270;
    /** At level {@code SOL_NETLINK}, an int naming the multicast group to join: include/uapi/linux/netlink.h. */
    public static final int NETLINK_ADD_MEMBERSHIP = 1;

    // sock_diag's multicast groups, which the kernel tells of every socket it frees
    // (enum sknetlink_groups, include/uapi/linux/sock_diag.h; Linux 4.2+)
    public static final int SKNLGRP_INET_TCP_DESTROY = 1;
    public static final int SKNLGRP_INET_UDP_DESTROY = 2;
    public static final int SKNLGRP_INET6_TCP_DESTROY = 3;
    public static final int SKNLGRP_INET6_UDP_DESTROY = 4;

    // Socket options: include/uapi/asm-generic/socket.h
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_ERROR = 4;
    /** The receive buffer, up to {@code net.core.rmem_max}; the kernel doubles what it is given (socket(7)). */
    public static final int SO_RCVBUF = 8;
    public static final int SO_REUSEPORT = 15;
    /** {@code SO_RCVTIMEO_OLD}: a {@code struct timeval} of two longs, as 64-bit ABIs define it. */
    public static final int SO_RCVTIMEO = 20;
    /** {@code SO_RCVBUF} beyond {@code net.core.rmem_max}, for {@code CAP_NET_ADMIN} only. */
    public static final int SO_RCVBUFFORCE = 33;
    /** At level {@code IPPROTO_IPV6}: include/uapi/linux/in6.h. */
    public static final int IPV6_V6ONLY = 26;

    /** recv(2) flag: return the datagram's real length even when it did not fit. include/linux/socket.h. */
    public static final int MSG_TRUNC = 0x20;

    // open(2) flags: include/uapi/asm-generic/fcntl.h
    public static final int O_RDONLY = 0;
    public static final int O_DIRECTORY = 0x10000;
    public static final int O_CLOEXEC = 0x80000;
    /** Paths relative to the working directory: include/uapi/linux/fcntl.h. */
    public static final int AT_FDCWD = -100;

    // poll(2) events: include/uapi/asm-generic/poll.h
    public static final short POLLOUT = 0x4;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;

    private LinuxConstants() {}
}
