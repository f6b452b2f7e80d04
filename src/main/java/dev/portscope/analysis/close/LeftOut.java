package dev.portscope.analysis.close;

/** Why {@code close} leaves a socket that its filter selected alone. */
public enum LeftOut {
    /** A TCP listener, closed only when asked for ({@code --listeners}): closing one stops a service taking connections. */
    LISTENER,
    /** Closed by its application already; the kernel keeps it a while to catch stray segments, then drops it itself. */
    TIME_WAIT,
    /** Bound to a port but not connected: there is no connection to close. */
    NOT_CONNECTED,
    /** UDP has no connection: the kernel's abort only disconnects the socket and fails its next call. */
    UDP,
    /** A state this version does not know: not acted on blind. */
    UNKNOWN_STATE
}
