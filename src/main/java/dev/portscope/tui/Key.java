package dev.portscope.tui;

/**
 * A key as {@code top} understands it: a character, or one of the keys terminals send as escape
 * sequences.
 *
 * @param ch the character, for {@link Kind#CHAR} only
 */
public record Key(Kind kind, char ch) {

    public enum Kind {
        CHAR,
        UP,
        DOWN,
        LEFT,
        RIGHT,
        PAGE_UP,
        PAGE_DOWN,
        HOME,
        END,
        ENTER,
        ESCAPE,
        BACKSPACE,
        /** Ctrl-C, read as a character (the terminal's ISIG is off in raw mode). */
        INTERRUPT,
        /** Ctrl-L: draw the whole screen again. */
        REDRAW,
        /** A sequence {@code top} has no use for. */
        OTHER
    }

    public static Key of(Kind kind) {
        return new Key(kind, '\0');
    }

    public static Key ch(char c) {
        return new Key(Kind.CHAR, c);
    }

    public boolean is(char c) {
        return kind == Kind.CHAR && ch == c;
    }
}
