package dev.portscope.analysis.probe;

import java.util.Locale;

/** What a TCP connect to a port found (the states of {@code nmap -sT}, plus our own failure). */
public enum PortStatus {
    /** The connection was accepted. */
    OPEN,
    /** Refused: the host answered with a reset, nothing listens. */
    CLOSED,
    /** No answer within the timeout, or the host is unreachable: something drops the packets. */
    FILTERED,
    /** The connect could not be tried (no file descriptors left, no route of that family): unknown, not closed. */
    ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
