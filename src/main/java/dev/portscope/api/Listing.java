package dev.portscope.api;

import java.util.List;

/**
 * Sockets, as {@link PortScope#listeners()} and {@link PortScope#connections(ConnectionQuery)} return them.
 *
 * {@snippet :
 * Listing listeners = scope.listeners();
 * if (!listeners.complete()) {
 *     listeners.notes().forEach(System.err::println); // e.g. owners hidden: not root
 * }
 * }
 *
 * @param sockets  the sockets, listeners by port
 * @param notes    what kept the answer from being complete, or facts about how it was made; one line each
 * @param complete false when something could not be read (owners of other users' processes when not
 *                 root): then a socket without owners may have some
 */
public record Listing(List<SocketEntry> sockets, List<String> notes, boolean complete) {

    public Listing {
        sockets = List.copyOf(sockets);
        notes = List.copyOf(notes);
    }
}
