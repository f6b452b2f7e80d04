package dev.portscope.analysis.why;

/** Why a bind fails, in the order answers list them: the most likely culprit first. */
public enum BlockerKind {
    /** A listener on the same address, on the wildcard, or on an address a wildcard bind would cover. */
    LISTENER("listener"),
    /** An IPv6 wildcard listener without {@code IPV6_V6ONLY}: it takes the port on every IPv4 address too. */
    DUAL_STACK_LISTENER("IPv6 listener that also takes IPv4"),
    /** A TCP socket bound but not listening, invisible to {@code /proc/net/tcp} and {@code netstat}. */
    BOUND_NOT_LISTENING("bound, not listening"),
    /** A UDP socket bound to the port. */
    UDP_SOCKET("UDP socket"),
    /** Connections still using the port as their local port (a server's, after it stopped listening). */
    CONNECTION("connection on the port"),
    /** A client socket that was handed the port as its ephemeral port. */
    EPHEMERAL_CLIENT("client using it as its ephemeral port"),
    /** Connections waiting out TIME_WAIT on the port. */
    TIME_WAIT("TIME_WAIT"),
    /** A port below {@code ip_unprivileged_port_start}, for a user without {@code CAP_NET_BIND_SERVICE}. */
    PRIVILEGED_PORT("privileged port"),
    /** An address that is not on this machine. */
    ADDRESS_NOT_LOCAL("address not on this machine");

    private final String title;

    BlockerKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
