package dev.portscope.model;

import java.util.Objects;

/**
 * One socket as the platform reports it.
 *
 * @param protocol     TCP or UDP
 * @param family       the socket's family; an IPv6 socket may carry IPv4-mapped addresses
 * @param local        local address and port
 * @param remote       remote address and port; the wildcard address and port 0 when not connected
 * @param state        kernel state
 * @param uid          owner uid of the socket (the creating process's effective uid), or {@link #UNKNOWN_UID}
 *                     when the platform reports the socket without an owner (Linux: TIME_WAIT sockets and
 *                     connection requests, whose uid the kernel fills with 0)
 * @param key          the platform's opaque identity of the socket, which {@link OwnerIndex} maps to
 *                     the processes holding it (Linux: the socket's inode); 0 when nothing can hold
 *                     it any more (TIME_WAIT, orphans)
 * @param receiveQueue bytes not yet read by the application; for a listener, connections waiting
 *                     to be accepted; {@link #UNKNOWN_QUEUE} when the platform does not report queues
 * @param sendQueue    bytes not yet acknowledged by the peer; for a listener (netlink only), the backlog;
 *                     {@link #UNKNOWN_QUEUE} when the platform does not report queues
 * @param v6Only       for an IPv6 socket, whether it refuses IPv4 ({@code IPV6_V6ONLY}); null when unknown
 * @param linux        what only Linux reports (inode, namespace, TCP info, memory); null elsewhere
 */
public record Socket(
        Protocol protocol,
        IpFamily family,
        Endpoint local,
        Endpoint remote,
        SocketState state,
        int uid,
        long key,
        long receiveQueue,
        long sendQueue,
        Boolean v6Only,
        LinuxSocket linux) {

    /** The uid of a socket reported without an owner: {@code (uid_t) -1}, which is no user's ({@code chown(2)}). */
    public static final int UNKNOWN_UID = -1;

    /**
     * The queue length of a socket whose platform does not report queues (Windows' TCP tables, macOS):
     * shown as unknown, never as an empty queue.
     */
    public static final long UNKNOWN_QUEUE = -1;

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

    /** False when the platform reports the socket without an owner: never read such a socket as root's. */
    public boolean uidKnown() {
        return uid != UNKNOWN_UID;
    }

    /** False when the platform does not report this socket's queues, or one of them ({@link #UNKNOWN_QUEUE}). */
    public boolean queuesKnown() {
        return receiveQueue != UNKNOWN_QUEUE && sendQueue != UNKNOWN_QUEUE;
    }

    /** The kernel's TCP details when they were asked for (Linux, netlink), else null. */
    public TcpInfo tcpInfo() {
        return linux == null ? null : linux.tcpInfo();
    }
}
