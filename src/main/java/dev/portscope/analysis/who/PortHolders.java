package dev.portscope.analysis.who;

import dev.portscope.model.Endpoint;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.query.PortTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sorts the sockets of a snapshot by how they involve a port. Servers are the sockets that serve the
 * port: listeners (for UDP, unconnected sockets bound to it), TCP sockets bound to it but idle, and
 * connections a listener on it accepted. Any other socket whose local port is the port is a client
 * that was handed the port (or bound it on another address) and is never shown as a server.
 */
public final class PortHolders {

    private PortHolders() {}

    /** Whether a socket involves the target at all; used to filter before owners are looked up. */
    public static boolean involves(Socket socket, PortTarget target) {
        return protocolMatches(socket, target) && (localMatches(socket, target) || remoteMatches(socket, target));
    }

    public static PortReport analyze(Snapshot snapshot, PortTarget target) {
        List<Socket> involved = snapshot.sockets().stream().filter(s -> involves(s, target)).toList();
        List<Holding> holdings = new ArrayList<>();
        for (Socket socket : involved) {
            holdings.add(new Holding(roleOf(socket, target, involved), socket, snapshot.ownersOf(socket)));
        }
        holdings.sort(Comparator.comparing(Holding::role));
        return new PortReport(target, holdings);
    }

    private static HoldingRole roleOf(Socket socket, PortTarget target, List<Socket> involved) {
        if (!localMatches(socket, target)) {
            return HoldingRole.CONNECTED_TO_PORT;
        }
        if (socket.isListening()) {
            return HoldingRole.LISTENER;
        }
        if (socket.state() == SocketState.CLOSE || socket.state() == SocketState.BOUND_INACTIVE) {
            return HoldingRole.BOUND;
        }
        boolean served = socket.protocol() == Protocol.TCP && involved.stream().anyMatch(listener -> accepts(listener, socket));
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

    private static boolean protocolMatches(Socket socket, PortTarget target) {
        return target.protocol().map(p -> p == socket.protocol()).orElse(true);
    }

    private static boolean localMatches(Socket socket, PortTarget target) {
        Endpoint local = socket.local();
        return local.port() == target.port()
                && target.address().map(a -> local.isWildcard() || local.address().equals(a)).orElse(true);
    }

    private static boolean remoteMatches(Socket socket, PortTarget target) {
        Endpoint remote = socket.remote();
        return remote.port() == target.port()
                && !(remote.isWildcard() && remote.port() == 0)
                && target.address().map(a -> remote.address().equals(a)).orElse(true);
    }
}
