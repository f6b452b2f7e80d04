package dev.portscope.engine.events;

import dev.portscope.engine.Change;

/** The name of a change in {@code events}' output, text and JSON alike. */
public enum EventKind {
    LISTENER_OPENED("listener-opened"),
    LISTENER_CLOSED("listener-closed"),
    CONNECTION_OPENED("connection-opened"),
    CONNECTION_CLOSED("connection-closed"),
    STATE_CHANGED("state-changed"),
    OWNER_CHANGED("owner-changed"),
    QUEUE_ABOVE("queue-above"),
    QUEUE_BELOW("queue-below");

    private final String label;

    EventKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A listener is a TCP socket in LISTEN or an unconnected UDP socket, as {@code ss -l} lists them. */
    public static EventKind of(Change change) {
        boolean listener = change.socket().isListening();
        return switch (change) {
            case Change.Opened o -> listener ? LISTENER_OPENED : CONNECTION_OPENED;
            case Change.Closed c -> listener ? LISTENER_CLOSED : CONNECTION_CLOSED;
            case Change.StateChanged s -> STATE_CHANGED;
            case Change.OwnerChanged o -> OWNER_CHANGED;
            case Change.QueueCrossed q -> q.above() ? QUEUE_ABOVE : QUEUE_BELOW;
        };
    }

    static EventKind parse(String label) {
        for (EventKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown event '" + label + "'");
    }
}
