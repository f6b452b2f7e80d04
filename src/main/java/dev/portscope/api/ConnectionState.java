package dev.portscope.api;

/**
 * A socket's state as the kernel reports it: the TCP states, {@link #CLOSE} for an unconnected UDP
 * socket ({@code UNCONN} in {@code ss}) and {@link #UNKNOWN} for a code portscope does not know.
 *
 * {@snippet :
 * long established = scope.connections(ConnectionQuery.all()).sockets().stream()
 *         .filter(s -> s.state() == ConnectionState.ESTABLISHED).count();
 * }
 */
public enum ConnectionState {
    ESTABLISHED,
    SYN_SENT,
    SYN_RECV,
    FIN_WAIT1,
    FIN_WAIT2,
    TIME_WAIT,
    CLOSE,
    CLOSE_WAIT,
    LAST_ACK,
    LISTEN,
    CLOSING,
    NEW_SYN_RECV,
    /** A TCP socket bound to a port but neither listening nor connected. */
    BOUND_INACTIVE,
    UNKNOWN
}
