package dev.portscope.model;

import java.util.Objects;

/**
 * One socket as the kernel reports it.
 *
 * @param protocol     TCP or UDP
 * @param family       the socket's family; an IPv6 socket may carry IPv4-mapped addresses
 * @param local        local address and port
 * @param remote       remote address and port; the wildcard address and port 0 when not connected
 * @param state        kernel state
 * @param uid          owner uid of the socket (the creating process's effective uid)
 * @param inode        socket inode, the key that joins sockets to the processes holding them;
 *                     0 when no file refers to it any more (TIME_WAIT, orphans)
 * @param receiveQueue bytes not yet read by the application; for a listener, connections waiting
 *                     to be accepted
 * @param sendQueue    bytes not yet acknowledged by the peer; for a listener (netlink only), the backlog
 * @param netns        inode of the network namespace the socket lives in, 0 when unknown
 * @param details      platform extras (TCP info, memory), present only when asked for
 */
public record Socket(
        Protocol protocol,
        IpFamily family,
        Endpoint local,
        Endpoint remote,
        SocketState state,
        int uid,
        long inode,
        long receiveQueue,
        long sendQueue,
        long netns,
        SocketDetails details) {

    public Socket {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(state, "state");
    }

    /** Waiting for connections or datagrams: a TCP listener, or an unconnected UDP socket (as {@code ss -l}). */
    public boolean isListening() {
        return protocol == Protocol.TCP ? state == SocketState.LISTEN : state == SocketState.CLOSE;
    }
}
