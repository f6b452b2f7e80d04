package dev.portscope.model;

/** Transport protocol of a socket. */
public enum Protocol {
    TCP,
    UDP;

    /** Lower-case name as users type it and as the JSON layout writes it ({@code tcp}, {@code udp}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
