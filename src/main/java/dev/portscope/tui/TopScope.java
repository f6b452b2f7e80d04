package dev.portscope.tui;

import dev.portscope.model.Socket;

/** Which sockets {@code top} shows; {@code l} cycles through them. */
public enum TopScope {
    ALL("all"),
    /** Waiting for peers, as {@code portscope listen}: TCP LISTEN, unconnected UDP. */
    LISTENERS("listeners"),
    /** Everything else, as {@code portscope conns}. */
    CONNECTIONS("connections");

    private final String label;

    TopScope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean includes(Socket socket) {
        return switch (this) {
            case ALL -> true;
            case LISTENERS -> socket.isListening();
            case CONNECTIONS -> !socket.isListening();
        };
    }

    TopScope next() {
        return values()[(ordinal() + 1) % values().length];
    }

    /** By its label, as {@code --view} takes it. */
    public static TopScope named(String label) {
        for (TopScope scope : values()) {
            if (scope.label.equals(label)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("expected all, listeners or connections, not '" + label + "'");
    }
}
