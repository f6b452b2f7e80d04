package dev.portscope.tui;

/** A line of {@code top}'s table: a group's title, or a row. */
public sealed interface TopLine {

    /** The title of a group of rows ({@code g}), with how many rows it has. */
    record Title(String text, int rows) implements TopLine {}

    /** A socket's row. */
    record Row(TopRow row) implements TopLine {}
}
