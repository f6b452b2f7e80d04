package dev.portscope.engine;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP listeners of one refresh by port, to name the process of a connection that was accepted
 * and closed between two refreshes: the holders of the listener it came from.
 */
final class ListenerIndex {

    private final Map<Integer, List<Sighting>> byPort = new HashMap<>();

    ListenerIndex(Collection<Sighting> sightings) {
        for (Sighting sighting : sightings) {
            Socket socket = sighting.socket();
            if (socket.protocol() == Protocol.TCP && socket.isListening()) {
                byPort.computeIfAbsent(socket.local().port(), p -> new java.util.ArrayList<>()).add(sighting);
            }
        }
    }

    /**
     * The holders of the listener that accepted {@code connection}: one on its local address or on
     * the wildcard, in its network namespace. Empty when none or several different ones match: a
     * guess is never shown as an owner.
     */
    List<ProcessInfo> ownersOfAccepted(Socket connection) {
        if (connection.protocol() != Protocol.TCP) {
            return List.of();
        }
        List<Sighting> candidates = byPort.getOrDefault(connection.local().port(), List.of());
        List<ProcessInfo> found = null;
        for (Sighting listener : candidates) {
            Socket socket = listener.socket();
            if (!sameNamespace(socket, connection) || !covers(socket, connection) || listener.owners().isEmpty()) {
                continue;
            }
            if (found != null && !found.equals(listener.owners())) {
                return List.of();
            }
            found = listener.owners();
        }
        return found == null ? List.of() : found;
    }

    private static boolean sameNamespace(Socket a, Socket b) {
        long na = a.linux() == null ? 0 : a.linux().netns();
        long nb = b.linux() == null ? 0 : b.linux().netns();
        return na == 0 || nb == 0 || na == nb;
    }

    private static boolean covers(Socket listener, Socket connection) {
        var address = listener.local().address();
        return address.isAnyLocalAddress() || address.equals(connection.local().address());
    }
}
