package dev.portscope.render;

/** Which listing is shown; it decides the table's columns. */
public enum ListingView {
    /** Listening sockets: where each one is bound and how exposed it is. */
    LISTENING("listening"),
    /** Connections: both ends, state and queues. */
    CONNECTIONS("connections"),
    /** Every socket, in the connections layout. */
    ALL("all");

    private final String label;

    ListingView(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
