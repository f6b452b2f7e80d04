package dev.portscope.tui;

import dev.portscope.render.ForeignText;
import dev.portscope.render.ListingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Lays {@code top} out on a screen of a given size, as styled lines for JLine's {@code Display},
 * which sends the terminal only what differs from the previous screen. Four header lines, the
 * column titles, the rows that fit (scrolled to keep the selection in view), and the status line.
 * Everything drawn is made of the model's and controller's state; the only state kept here is the
 * scroll position.
 */
public final class TopScreen {

    /** What the header says besides the model: where, when, how often, and how completely. */
    public record Header(String host, Instant time, Duration interval, boolean catchesShortConnections, boolean partial) {}

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final int HEADER_LINES = 5;

    private final ListingContext context;
    private final TopStyle style;
    private final String ellipsis;
    private final String up;
    private final String down;
    private int offset;

    /** @param unicode whether the terminal takes UTF-8 (arrows and the ellipsis; ASCII stand-ins otherwise) */
    public TopScreen(ListingContext context, TopStyle style, boolean unicode) {
        this.context = context;
        this.style = style;
        this.ellipsis = unicode ? "…" : "~";
        this.up = unicode ? "▲" : "^";
        this.down = unicode ? "▼" : "v";
    }

    /** How many table rows fit on a screen of this height. */
    public static int tableRows(int rows) {
        return Math.max(1, rows - HEADER_LINES - 1);
    }

    public List<AttributedString> lines(TopController controller, Header header, int columns, int rows) {
        List<AttributedString> lines = new ArrayList<>(rows);
        TopModel model = controller.model();
        lines.add(titleLine(header, controller.paused()));
        if (controller.mode() == TopController.Mode.DETAILS) {
            List<String> details = controller.details();
            int height = rows - 2;
            for (int i = controller.detailsOffset(); i < details.size() && lines.size() <= height; i++) {
                lines.add(new AttributedString(details.get(i)));
            }
        } else {
            lines.add(new AttributedString(model.summary().countsText()));
            lines.add(new AttributedString(model.summary().changesText() + "   view: " + model.scope().label() + "   sort: "
                    + model.sortColumn().header() + " " + (model.descending() ? down : up) + "   group: " + model.grouping().label()));
            lines.add(new AttributedString("filter: " + (model.filterText().isEmpty() ? "none" : ForeignText.visible(model.filterText()))
                    + "   " + model.rowCount() + (model.rowCount() == 1 ? " row" : " rows")));
            table(model, columns, tableRows(rows), lines);
        }
        while (lines.size() < rows - 1) {
            lines.add(AttributedString.EMPTY);
        }
        while (lines.size() > Math.max(0, rows - 1)) {
            lines.removeLast(); // a screen lower than the header: the status line still shows
        }
        TopController.Status status = controller.status();
        lines.add(new AttributedString(status.text(), style.status(status.kind())));
        return lines.stream().map(l -> l.columnLength() > columns ? l.columnSubSequence(0, columns) : l).toList();
    }

    private AttributedString titleLine(Header header, boolean paused) {
        AttributedStringBuilder line = new AttributedStringBuilder();
        line.append("portscope top", AttributedStyle.BOLD);
        if (header.host() != null) {
            line.append("  ").append(ForeignText.visible(header.host()));
        }
        if (header.time() != null) {
            line.append("  ").append(CLOCK.format(header.time()));
        }
        line.append("  every ").append(seconds(header.interval()));
        line.append(header.catchesShortConnections() ? "  short connections caught" : "  short connections missed");
        if (paused) {
            line.append("  PAUSED", style.paused());
        }
        if (header.partial()) {
            line.append("  partial (see stderr on exit)", style.warning());
        }
        return line.toAttributedString();
    }

    private void table(TopModel model, int width, int height, List<AttributedString> lines) {
        List<TopLine> all = model.lines();
        scrollTo(model.selectedLine(), all, height);
        List<TopColumn> columns = model.columns();
        List<TopLine> window = all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + height));
        int[] natural = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            natural[c] = columns.get(c).header().length() + (columns.get(c) == model.sortColumn() ? 1 : 0);
        }
        List<String[]> cells = new ArrayList<>(window.size());
        for (TopLine line : window) {
            if (line instanceof TopLine.Row r) {
                String[] texts = new String[columns.size()];
                for (int c = 0; c < texts.length; c++) {
                    texts[c] = columns.get(c).text(r.row().sighting(), context);
                    natural[c] = Math.max(natural[c], texts[c].length());
                }
                cells.add(texts);
            } else {
                cells.add(null);
            }
        }
        int[] widths = ColumnFit.fit(columns, natural, width);
        AttributedStringBuilder titles = new AttributedStringBuilder();
        String[] headers = new String[columns.size()];
        for (int c = 0; c < headers.length; c++) {
            headers[c] = columns.get(c).header() + (columns.get(c) == model.sortColumn() ? (model.descending() ? down : up) : "");
        }
        appendCells(titles, columns, headers, widths, null, style.columnTitles());
        lines.add(padded(titles, width, style.columnTitles()));
        if (all.isEmpty()) {
            lines.add(new AttributedString(model.sequence() == 0 ? "(reading the sockets...)"
                    : model.filterText().isEmpty() ? "(no socket here)" : "(no socket matches the filter)"));
            return;
        }
        for (int i = 0; i < window.size(); i++) {
            boolean selected = offset + i == model.selectedLine();
            if (window.get(i) instanceof TopLine.Title t) {
                lines.add(new AttributedString(t.text() + " (" + t.rows() + ")", style.groupTitle()));
                continue;
            }
            TopRow row = ((TopLine.Row) window.get(i)).row();
            AttributedStyle base = style.row(row.mark(), selected);
            AttributedStringBuilder line = new AttributedStringBuilder();
            appendCells(line, columns, cells.get(i), widths, row, base);
            lines.add(selected ? padded(line, width, base) : line.toAttributedString());
        }
    }

    private void appendCells(AttributedStringBuilder line, List<TopColumn> columns, String[] texts, int[] widths, TopRow row,
            AttributedStyle base) {
        boolean first = true;
        for (int c = 0; c < columns.size(); c++) {
            if (widths[c] == 0) {
                continue;
            }
            if (!first) {
                line.append(" ".repeat(ColumnFit.GAP), base);
            }
            first = false;
            TopColumn column = columns.get(c);
            String text = ColumnFit.cut(column, texts[c], widths[c], ellipsis);
            String padding = " ".repeat(widths[c] - text.length());
            AttributedStyle cell = row != null && row.changed().contains(column) ? style.changed(base) : base;
            if (column.alignsRight()) {
                line.append(padding, base).append(text, cell);
            } else {
                line.append(text, cell).append(padding, base);
            }
        }
    }

    private static AttributedString padded(AttributedStringBuilder line, int width, AttributedStyle style) {
        int missing = width - line.columnLength();
        if (missing > 0) {
            line.append(" ".repeat(missing), style);
        }
        return line.toAttributedString();
    }

    /** Scrolls as little as needed to keep the selection in view, with its group's title when just above. */
    private void scrollTo(int selected, List<TopLine> all, int height) {
        offset = Math.clamp(offset, 0, Math.max(0, all.size() - height));
        if (selected < 0) {
            return;
        }
        int top = selected > 0 && all.get(selected - 1) instanceof TopLine.Title ? selected - 1 : selected;
        if (top < offset) {
            offset = top;
        } else if (selected >= offset + height) {
            offset = selected - height + 1;
        }
    }

    private static String seconds(Duration interval) {
        long millis = interval.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
