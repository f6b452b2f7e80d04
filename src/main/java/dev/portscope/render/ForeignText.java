package dev.portscope.render;

/**
 * The one place where text that another process or user controls (process names, command lines,
 * user names, units, containers, and messages that quote them) is made harmless before it reaches a
 * terminal or a spreadsheet. Any local user can name a process {@code "ev\x1b[7mil\ntcp 0"}: raw, it
 * would restyle the terminal and forge a table row. JSON keeps such text exact (its own escaping is
 * enough); tables, plain text and CSV show it with its control characters escaped.
 *
 * <p>Escaped, as {@code ss} and systemd's {@code cescape} do: C0 controls and DEL as {@code \xNN}
 * ({@code \n}, {@code \t}, {@code \r} by name), C1 controls as {@code \xNN}, and the Unicode characters
 * that reorder or hide text (bidirectional overrides and isolates, line and paragraph separators,
 * Unicode TR 36 "Trojan Source") as a backslash, {@code u} and the code point in braces.
 */
public final class ForeignText {

    private ForeignText() {}

    /** The text with every character that could steer a terminal or hide itself escaped. */
    public static String visible(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text; // the common case: nothing to escape, no copy
        }
        StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x100) {
                out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                out.append("\\u{").append(Integer.toHexString(c)).append('}');
            }
        }
        return out.toString();
    }

    /**
     * A CSV cell: {@link #visible}, and a leading apostrophe when a spreadsheet would take the cell for
     * a formula ({@code = + - @}, OWASP "CSV Injection"). A lone {@code -} is portscope's "none".
     */
    public static String csvCell(String text) {
        String shown = visible(text);
        if (shown != null && shown.length() > 1 && "=+-@".indexOf(shown.charAt(0)) >= 0) {
            return "'" + shown;
        }
        return shown;
    }

    static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || c == 0x061c || c == 0x200e || c == 0x200f
                || (c >= 0x2028 && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
    }
}
