package dev.portscope.model;

/**
 * Extras a backend can report on request, beyond the portable socket fields. Null fields were not
 * collected; they never default to zero.
 *
 * @param tcpInfo  TCP state of a connection (netlink {@code INET_DIAG_INFO})
 * @param memory   socket memory (netlink {@code INET_DIAG_SKMEMINFO})
 * @param v6Only   for IPv6 sockets, whether the socket refuses IPv4 ({@code IPV6_V6ONLY}), null when unknown
 */
public record SocketDetails(TcpInfo tcpInfo, SocketMemory memory, Boolean v6Only) {}
