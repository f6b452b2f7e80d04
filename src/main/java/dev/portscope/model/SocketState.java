package dev.portscope.model;

/**
 * State of a socket, as the kernel's TCP state machine names it ({@code include/net/tcp_states.h}).
 * UDP sockets reuse two of these: {@link #CLOSE} for an unconnected (bound, receiving) socket and
 * {@link #ESTABLISHED} for a connected one. {@link #UNKNOWN} stands for a code this version does not
 * know; it is never silently turned into another state.
 */
public enum SocketState {
    ESTABLISHED("ESTAB"),
    SYN_SENT("SYN-SENT"),
    SYN_RECV("SYN-RECV"),
    FIN_WAIT1("FIN-WAIT-1"),
    FIN_WAIT2("FIN-WAIT-2"),
    TIME_WAIT("TIME-WAIT"),
    CLOSE("CLOSE"),
    CLOSE_WAIT("CLOSE-WAIT"),
    LAST_ACK("LAST-ACK"),
    LISTEN("LISTEN"),
    CLOSING("CLOSING"),
    NEW_SYN_RECV("NEW-SYN-RECV"),
    /** A TCP socket bound to a port but neither listening nor connected (Linux 6.5+). */
    BOUND_INACTIVE("BOUND"),
    UNKNOWN("UNKNOWN");

    private final String shortName;

    SocketState(String shortName) {
        this.shortName = shortName;
    }

    /** The short name {@code ss} prints; an unconnected UDP socket reads {@code UNCONN} as in {@code ss}. */
    public String displayName(Protocol protocol) {
        return protocol == Protocol.UDP && this == CLOSE ? "UNCONN" : shortName;
    }

    /** Parses a state as users type it: {@code established}, {@code ESTAB}, {@code close-wait}, {@code time_wait}… */
    public static SocketState parse(String text) {
        String wanted = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (SocketState state : values()) {
            if (state.name().equals(wanted) || state.shortName.replace('-', '_').equals(wanted)) {
                return state;
            }
        }
        if (wanted.equals("UNCONN")) {
            return CLOSE;
        }
        if (wanted.equals("SYN_RECEIVED")) {
            return SYN_RECV;
        }
        throw new IllegalArgumentException("unknown socket state '" + text + "'");
    }
}
