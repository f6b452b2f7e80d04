package dev.portscope.api;

/**
 * How a socket relates to the port {@link PortScope#who(int)} asked about, in the order it lists them.
 *
 * {@snippet :
 * boolean served = scope.who(8080).uses().stream().anyMatch(u -> u.role() == PortRole.LISTENER);
 * }
 */
public enum PortRole {
    /** A TCP listener or an unconnected UDP socket on the port: a server. */
    LISTENER,
    /** A TCP socket bound to the port, neither listening nor connected: it holds the port unseen by {@code netstat}. */
    BOUND,
    /** A connection a listener on the port accepted: the server side. */
    ACCEPTED,
    /** A connected socket whose own port this is but that no listener accepted: a client given the port as its ephemeral port. */
    CLIENT_LOCAL_PORT,
    /** The server side of a connection from a client whose own port this is; it does not hold the port. */
    PEER_OF_CLIENT,
    /** A connection from this machine to the port on a peer; it does not hold the port here. */
    CONNECTED_TO_PORT;

    /** Whether a socket in this role keeps the port from being bound on this machine. */
    public boolean holdsPort() {
        return this != CONNECTED_TO_PORT && this != PEER_OF_CLIENT;
    }
}
