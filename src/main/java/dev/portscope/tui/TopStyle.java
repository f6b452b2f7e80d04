package dev.portscope.tui;

import org.jline.utils.AttributedStyle;

/**
 * The look of {@code top}'s marks: green for opened rows, dim red for closed ones, yellow for a
 * changed cell, inverse for the selection. Without colour ({@code NO_COLOR}, no-color.org; a dumb
 * terminal) the same marks are bold, faint and underlined.
 */
public final class TopStyle {

    private final boolean colour;

    private TopStyle(boolean colour) {
        this.colour = colour;
    }

    public static TopStyle coloured() {
        return new TopStyle(true);
    }

    public static TopStyle monochrome() {
        return new TopStyle(false);
    }

    AttributedStyle row(TopRow.Mark mark, boolean selected) {
        AttributedStyle style = switch (mark) {
            case NONE -> AttributedStyle.DEFAULT;
            case NEW -> colour ? AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN) : AttributedStyle.DEFAULT.bold();
            case CLOSED -> colour ? AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).faint() : AttributedStyle.DEFAULT.faint();
        };
        return selected ? style.inverse() : style;
    }

    AttributedStyle changed(AttributedStyle row) {
        return colour ? row.foreground(AttributedStyle.YELLOW) : row.underline();
    }

    AttributedStyle columnTitles() {
        return AttributedStyle.DEFAULT.bold().inverse();
    }

    AttributedStyle groupTitle() {
        return AttributedStyle.DEFAULT.bold();
    }

    AttributedStyle paused() {
        return colour ? AttributedStyle.DEFAULT.bold().foreground(AttributedStyle.YELLOW) : AttributedStyle.DEFAULT.bold();
    }

    AttributedStyle warning() {
        return colour ? AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW) : AttributedStyle.DEFAULT;
    }

    AttributedStyle status(TopController.Status.Kind kind) {
        return switch (kind) {
            case HINT -> AttributedStyle.DEFAULT.faint();
            case INFO -> AttributedStyle.DEFAULT;
            case ERROR -> colour ? AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold() : AttributedStyle.DEFAULT.bold();
            case PROMPT -> AttributedStyle.DEFAULT.bold();
        };
    }
}
