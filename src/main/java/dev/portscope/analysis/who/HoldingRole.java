package dev.portscope.analysis.who;

/** How a socket relates to the port asked about, in the order {@code who} shows them. */
public enum HoldingRole {
    /** A TCP listener or an unconnected UDP socket on the port: a server. */
    LISTENER("listening"),
    /** A TCP socket bound to the port but neither listening nor connected: it holds the port unseen by netstat. */
    BOUND("bound, not listening"),
    /** A TCP connection a listener on the port accepted (same family, the listener's address or its wildcard): the server side. */
    ACCEPTED("accepted connections (server side)"),
    /**
     * A connected socket whose own port is this port but that no listener accepted: a client handed
     * the port as its ephemeral port, or one that bound it on another address; a connected UDP socket.
     * Not a server.
     */
    CLIENT_LOCAL_PORT("client sockets using the port as their own local port (not servers)"),
    /**
     * A connection accepted here (a listener holds its local port) whose remote port is this port: the
     * server side of a client's connection, the port being that client's own (ephemeral) port.
     */
    PEER_OF_CLIENT("server side of connections from clients whose own port this is (not connections to the port)"),
    /** A connection from this machine to the port on a peer: this machine is the client. */
    CONNECTED_TO_PORT("connections to the port on a peer (this machine is the client)");

    private final String title;

    HoldingRole(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Whether a socket in this role keeps the port from being bound on this machine. */
    public boolean holdsPort() {
        return this != CONNECTED_TO_PORT && this != PEER_OF_CLIENT;
    }
}
