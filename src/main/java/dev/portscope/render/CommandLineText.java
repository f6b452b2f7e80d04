package dev.portscope.render;

import java.util.List;

/**
 * A command line on one line: arguments with spaces or quotes are single-quoted as a shell would
 * need them, control characters (a newline inside {@code python -c '...'}) are escaped.
 */
public final class CommandLineText {

    private CommandLineText() {}

    public static String of(List<String> args) {
        StringBuilder line = new StringBuilder();
        for (String arg : args) {
            if (line.length() > 0) {
                line.append(' ');
            }
            String visible = escapeControls(arg);
            boolean plain = !visible.isEmpty() && visible.chars().allMatch(c -> c > ' ' && "'\"\\$`!*?;&|<>(){}#~".indexOf(c) < 0);
            line.append(plain ? visible : "'" + visible.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }

    private static String escapeControls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < ' ' || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
