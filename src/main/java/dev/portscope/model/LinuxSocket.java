package dev.portscope.model;

/**
 * What Linux reports of a socket beyond the portable fields.
 *
 * @param inode   the socket's inode, which {@code /proc/PID/fd} links name; 0 when no file refers to it
 * @param cookie  the kernel's identity of the socket for its whole life ({@code sock_gen_cookie}, netlink
 *                {@code idiag_cookie}): never reused, unlike inodes and ports; 0 when unknown ({@code /proc/net})
 * @param netns   inode of the network namespace the socket lives in, 0 when unknown
 * @param tcpInfo TCP state of a connection (netlink {@code INET_DIAG_INFO}), null when not asked for
 * @param memory  socket memory (netlink {@code INET_DIAG_SKMEMINFO}), null when not asked for
 */
public record LinuxSocket(long inode, long cookie, long netns, TcpInfo tcpInfo, SocketMemory memory) {}
