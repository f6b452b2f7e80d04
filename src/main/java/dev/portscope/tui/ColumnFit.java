package dev.portscope.tui;

import java.util.List;

/**
 * Fits {@code top}'s columns to the terminal's width: first the process, user and address columns
 * give up width down to a floor (addresses keep their port, cut from the left: {@code …1]:8080}),
 * then the least needed columns go, one at a time (USER first, PROCESS last). At 80 columns a
 * table of IPv4 connections keeps every column. Pure.
 */
final class ColumnFit {

    /** Spaces between columns. */
    static final int GAP = 1;

    /** Shrunk in this order, each down to its floor; then the two addresses, a character at a time from the wider. */
    private static final List<TopColumn> SHRINKABLE = List.of(TopColumn.PROCESS, TopColumn.USER);
    /** Then dropped in this order. */
    private static final List<TopColumn> DROPPABLE = List.of(TopColumn.USER, TopColumn.RETRANS, TopColumn.RTT, TopColumn.PROTO,
            TopColumn.SEND_Q, TopColumn.RECV_Q, TopColumn.PID, TopColumn.PROCESS);

    private ColumnFit() {}

    /**
     * @param natural the width each column's header and cells need
     * @return the width of each column, 0 for a column left out
     */
    static int[] fit(List<TopColumn> columns, int[] natural, int width) {
        int[] widths = natural.clone();
        for (TopColumn column : SHRINKABLE) {
            int i = columns.indexOf(column);
            int excess = total(widths) - width;
            if (i >= 0 && excess > 0) {
                widths[i] -= Math.min(excess, Math.max(0, widths[i] - floor(column)));
            }
        }
        int local = columns.indexOf(TopColumn.LOCAL);
        int remote = columns.indexOf(TopColumn.REMOTE);
        for (int excess = total(widths) - width; excess > 0 && local >= 0 && remote >= 0; excess--) {
            int wider = widths[local] >= widths[remote] ? local : remote;
            if (widths[wider] <= floor(TopColumn.LOCAL)) {
                break;
            }
            widths[wider]--;
        }
        for (TopColumn column : DROPPABLE) {
            int i = columns.indexOf(column);
            if (i >= 0 && total(widths) > width) {
                widths[i] = 0;
            }
        }
        return widths;
    }

    /** The narrowest a column is made: enough for {@code …:65535} or a short name. */
    static int floor(TopColumn column) {
        return switch (column) {
            case LOCAL, REMOTE -> 13;
            case PROCESS -> 7;
            case USER -> 4;
            default -> 0;
        };
    }

    /** The width of a line with these columns, gaps included. */
    static int total(int[] widths) {
        int sum = 0;
        int shown = 0;
        for (int w : widths) {
            if (w > 0) {
                sum += w;
                shown++;
            }
        }
        return sum + Math.max(0, shown - 1) * GAP;
    }

    /**
     * A cell cut to its column: addresses from the left, so that the port stays in view
     * ({@code …:8080}), anything else from the right.
     */
    static String cut(TopColumn column, String text, int width, String ellipsis) {
        if (text.length() <= width) {
            return text;
        }
        if (width <= ellipsis.length()) {
            return text.substring(0, width);
        }
        int keep = width - ellipsis.length();
        return column == TopColumn.LOCAL || column == TopColumn.REMOTE
                ? ellipsis + text.substring(text.length() - keep)
                : text.substring(0, keep) + ellipsis;
    }
}
