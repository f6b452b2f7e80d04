package dev.portscope.analysis.who;

import dev.portscope.model.AddressClaim;
import dev.portscope.model.Endpoint;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.query.PortTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sorts the sockets of a snapshot by how they involve a port. Servers are the sockets that serve the
 * port: listeners (for UDP, unconnected sockets bound to it), TCP sockets bound to it but idle, and
 * connections a listener on it accepted. Any other socket whose local port is the port is a client
 * that was handed the port (or bound it on another address) and is never shown as a server. Whether
 * a socket takes the address asked about is {@link AddressClaim}'s rule, the one {@code why} judges
 * binds by: an IPv6 wildcard takes IPv4 addresses only without {@code IPV6_V6ONLY}, an IPv6 socket on
 * {@code ::ffff:0.0.0.0} takes IPv4 addresses only.
 *
 * <p>A connection whose remote port is the port is this machine's connection to a server's port,
 * unless it was accepted here (a listener of its own local port accepted it): then the port is its
 * client's ephemeral port, and the socket is the server side of that client's connection.
 */
public final class PortHolders {

    private PortHolders() {}

    /** Whether a socket involves the target at all; used to filter before owners are looked up. */
    public static boolean involves(Socket socket, PortTarget target) {
        return protocolMatches(socket, target) && (localMatch(socket, target) != AddressClaim.Answer.NO || remoteMatches(socket, target));
    }

    /**
     * The sockets {@link #analyze} needs: those that involve the target, and every listener, which
     * tells a connection accepted here from one this machine made.
     */
    public static boolean needed(Socket socket, PortTarget target) {
        return socket.isListening() || involves(socket, target);
    }

    /** @param snapshot sockets that {@link #needed} accepts, or more */
    public static PortReport analyze(Snapshot snapshot, PortTarget target) {
        List<Socket> involved = snapshot.sockets().stream().filter(s -> involves(s, target)).toList();
        // by port: each socket is checked against the few listeners of its own port, never against every
        // socket involved (10,000 clients of one port and no listener took 1.6 s when it was)
        Map<Integer, List<Socket>> listeners = snapshot.sockets().stream().filter(Socket::isListening)
                .collect(Collectors.groupingBy(s -> s.local().port()));
        List<Holding> holdings = new ArrayList<>();
        for (Socket socket : involved) {
            AddressClaim.Answer local = localMatch(socket, target);
            HoldingRole role = roleOf(socket, local, listeners);
            holdings.add(new Holding(role, socket, snapshot.ownersOf(socket), local != AddressClaim.Answer.UNKNOWN || !role.holdsPort()));
        }
        holdings.sort(Comparator.comparing(Holding::role));
        return new PortReport(target, holdings);
    }

    private static HoldingRole roleOf(Socket socket, AddressClaim.Answer local, Map<Integer, List<Socket>> listeners) {
        if (local == AddressClaim.Answer.NO) {
            return acceptedHere(socket, listeners) ? HoldingRole.PEER_OF_CLIENT : HoldingRole.CONNECTED_TO_PORT;
        }
        if (socket.isListening()) {
            return HoldingRole.LISTENER;
        }
        if (socket.state() == SocketState.CLOSE || socket.state() == SocketState.BOUND_INACTIVE) {
            return HoldingRole.BOUND;
        }
        boolean served = socket.protocol() == Protocol.TCP && acceptedHere(socket, listeners);
        return served ? HoldingRole.ACCEPTED : HoldingRole.CLIENT_LOCAL_PORT;
    }

    /**
     * Whether {@code connection} can be one that {@code listener} accepted. An accepted socket is
     * created by the listener ({@code inet_csk_accept}): same family (an IPv4 peer of a {@code [::]}
     * listener gets an IPv6 socket with a mapped address), same port, and a local address the
     * listener is bound to or, for a wildcard listener, any. A socket bound to the port on another
     * address is a client that picked that port itself (UDP has no accepted sockets at all).
     */
    private static boolean accepts(Socket listener, Socket connection) {
        return listener.protocol() == Protocol.TCP
                && listener.isListening()
                && listener.family() == connection.family()
                && listener.local().port() == connection.local().port()
                && (listener.local().isWildcard() || listener.local().address().equals(connection.local().address()));
    }

    /** Whether some listener here accepted the connection: the server side of a local client's connection. */
    private static boolean acceptedHere(Socket socket, Map<Integer, List<Socket>> listeners) {
        return listeners.getOrDefault(socket.local().port(), List.of()).stream().anyMatch(l -> l != socket && accepts(l, socket));
    }

    private static boolean protocolMatches(Socket socket, PortTarget target) {
        return target.protocol().map(p -> p == socket.protocol()).orElse(true);
    }

    private static AddressClaim.Answer localMatch(Socket socket, PortTarget target) {
        if (socket.local().port() != target.port()) {
            return AddressClaim.Answer.NO;
        }
        return target.address().map(a -> AddressClaim.takes(socket, a)).orElse(AddressClaim.Answer.YES);
    }

    private static boolean remoteMatches(Socket socket, PortTarget target) {
        Endpoint remote = socket.remote();
        return remote.port() == target.port()
                && !(remote.isWildcard() && remote.port() == 0)
                && target.address().map(a -> remote.address().equals(a)).orElse(true);
    }
}
