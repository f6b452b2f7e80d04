package dev.portscope.render;

import dev.portscope.model.Exposure;

/**
 * Colour for tables: used only on a terminal, never when {@code NO_COLOR} is set (no-color.org).
 * Exposure is coloured by how far the port reaches.
 */
public final class TerminalStyle {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";

    private final boolean colour;

    private TerminalStyle(boolean colour) {
        this.colour = colour;
    }

    public static TerminalStyle plain() {
        return new TerminalStyle(false);
    }

    public static TerminalStyle coloured() {
        return new TerminalStyle(true);
    }

    /** Whether text is written as it is, without escape sequences. */
    boolean isPlain() {
        return !colour;
    }

    String header(String text) {
        return colour ? BOLD + text + RESET : text;
    }

    String cell(Column column, String text) {
        if (!colour || column != Column.EXPOSURE) {
            return text;
        }
        String code;
        if (text.equals(Exposure.LOOPBACK.label())) {
            code = GREEN;
        } else if (text.equals(Exposure.PUBLIC.label())) {
            code = RED;
        } else {
            code = YELLOW;
        }
        return code + text + RESET;
    }
}
