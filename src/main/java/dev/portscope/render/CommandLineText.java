package dev.portscope.render;

import java.util.List;

/**
 * A command line on one line: arguments with spaces or quotes are single-quoted as a shell would
 * need them, control characters (a newline inside {@code python -c '...'}) are escaped ({@link ForeignText}).
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
        return ForeignText.visible(text);
    }
}
