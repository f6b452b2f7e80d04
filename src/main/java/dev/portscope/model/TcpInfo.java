package dev.portscope.model;

/**
 * The parts of the kernel's {@code struct tcp_info} that portscope explains. Times are in
 * microseconds (rtt) or milliseconds (last send/receive), as the kernel gives them.
 */
public record TcpInfo(
        long rttMicros,
        long rttVarMicros,
        int retransmits,
        long totalRetransmits,
        int congestionWindow,
        long bytesAcked,
        long bytesReceived,
        long lastSendMillis,
        long lastReceiveMillis) {}
