package dev.portscope.query;

/**
 * The mistakes people make with {@code [v6]:port} (RFC 5952 §6), named as such before the text is
 * split at its last colon, where they would turn into riddles ({@code '[:' is not an address}).
 */
public final class BracketCheck {

    private BracketCheck() {}

    /** @throws IllegalArgumentException for an unclosed bracket, or brackets with no port after them */
    public static void check(String text, String asGiven) {
        if (!text.startsWith("[")) {
            return;
        }
        int close = text.indexOf(']');
        if (close < 0) {
            throw new IllegalArgumentException("the '[' of '" + asGiven + "' is not closed (write [ADDRESS]:PORT, as [::1]:22)");
        }
        if (close == text.length() - 1) {
            throw new IllegalArgumentException("'" + asGiven + "' names an address but no port (write " + text + ":PORT)");
        }
        if (text.charAt(close + 1) != ':') {
            throw new IllegalArgumentException("expected ':' and a port after the ']' of '" + asGiven + "'");
        }
    }
}
