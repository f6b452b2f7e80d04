package dev.portscope.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * One socket, with the processes holding it.
 *
 * {@snippet :
 * for (SocketEntry s : scope.listeners().sockets()) {
 *     System.out.printf("%s %s %s%n", s.transport(), s.local(), s.owners());
 * }
 * }
 *
 * @param transport TCP or UDP
 * @param local     the local address and port; the wildcard address ({@code 0.0.0.0}, {@code ::})
 *                  for a socket that takes every address
 * @param remote    the peer's address and port; the wildcard address and port 0 when not connected
 * @param state     the kernel's state
 * @param owners    every process holding the socket (a forked server's workers too); empty when none
 *                  could be seen (see {@link Listing#complete()}) or owners were not asked for
 */
public record SocketEntry(Transport transport, InetSocketAddress local, InetSocketAddress remote, ConnectionState state,
        List<Owner> owners) {

    public SocketEntry {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(state, "state");
        owners = List.copyOf(owners);
    }

    /** Waiting for connections or datagrams: a TCP listener, or an unconnected UDP socket (as {@code ss -l}). */
    public boolean listening() {
        return transport == Transport.TCP ? state == ConnectionState.LISTEN : state == ConnectionState.CLOSE;
    }
}
