package dev.portscope.render;

import dev.portscope.model.Diagnostic;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table. Column widths come from the first rows (kept in memory up to
 * {@link #WIDTH_SAMPLE}); later rows stream out with those widths, so a listing of 200,000
 * connections starts printing without being held whole. On a terminal the table is narrowed to
 * its width by shortening the process and user columns; when piped nothing is cut.
 */
public final class TableWriter implements ListingWriter {

    static final int WIDTH_SAMPLE = 1000;
    private static final String GAP = "  ";

    private final PrintWriter out;
    private final ListingContext context;
    private final boolean header;
    private final TerminalStyle style;
    private final int maxWidth;
    private List<Column> columns;
    /** Rows (cells) and group titles (a title, no cells) held until the widths are known. */
    private record Line(String title, String[] cells) {}

    private final List<Line> pending = new ArrayList<>();
    private int[] widths;
    /** The row being written once the widths are known, reused: no string per cell or row. */
    private final StringBuilder line = new StringBuilder(160);
    private char[] lineChars = new char[256];
    private static final char[] SPACES = " ".repeat(64).toCharArray();
    private static final String LINE_END = System.lineSeparator();

    /**
     * @param maxWidth the terminal's width, or 0 when not writing to a terminal
     */
    public TableWriter(PrintWriter out, ListingContext context, boolean header, TerminalStyle style, int maxWidth) {
        this.out = out;
        this.context = context;
        this.header = header;
        this.style = style;
        this.maxWidth = maxWidth;
    }

    @Override
    public void begin(ListingHeader listing) {
        columns = Column.of(listing.view(), context);
    }

    @Override
    public void row(ListingRow row) {
        if (widths != null && maxWidth <= 0 && style.isPlain()) {
            printDirect(row); // piped and uncoloured: nothing is cut or styled
            return;
        }
        String[] cells = new String[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = columns.get(i).value(row, context);
        }
        if (widths == null) {
            pending.add(new Line(null, cells));
            if (pending.size() >= WIDTH_SAMPLE) {
                flushPending();
            }
        } else {
            print(cells, false);
        }
    }

    @Override
    public void group(String title) {
        if (widths == null) {
            pending.add(new Line(title, null));
        } else {
            printTitle(title);
        }
    }

    private void printTitle(String title) {
        out.println();
        out.println(style.header(title + ":"));
    }

    @Override
    public void end(List<Diagnostic> diagnostics, boolean partial) {
        if (widths == null) {
            flushPending();
        }
        out.flush();
    }

    private void flushPending() {
        widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header ? columns.get(i).header().length() : 1;
        }
        for (Line line : pending) {
            if (line.cells() != null) {
                for (int i = 0; i < line.cells().length; i++) {
                    widths[i] = Math.max(widths[i], line.cells()[i].length());
                }
            }
        }
        fitToTerminal();
        if (header) {
            String[] titles = columns.stream().map(Column::header).toArray(String[]::new);
            print(titles, true);
        }
        for (Line line : pending) {
            if (line.cells() != null) {
                print(line.cells(), false);
            } else {
                printTitle(line.title());
            }
        }
        pending.clear();
    }

    /** Shrinks PROCESS, then USER, down to a floor, until the table fits the terminal. */
    private void fitToTerminal() {
        if (maxWidth <= 0) {
            return;
        }
        int total = GAP.length() * (widths.length - 1);
        for (int w : widths) {
            total += w;
        }
        for (Column shrinkable : List.of(Column.PROCESS, Column.USER)) {
            int i = columns.indexOf(shrinkable);
            if (i < 0 || total <= maxWidth) {
                continue;
            }
            int floor = Math.max(shrinkable.header().length(), 6);
            int cut = Math.min(total - maxWidth, widths[i] - floor);
            if (cut > 0) {
                widths[i] -= cut;
                total -= cut;
            }
        }
    }

    /** What {@link #print} writes for a row, when nothing is cut or styled, built in one reused builder. */
    private void printDirect(ListingRow row) {
        line.setLength(0);
        int last = columns.size() - 1;
        for (int i = 0; i <= last; i++) {
            Column column = columns.get(i);
            int start = line.length();
            column.appendTo(line, row, context);
            int padding = widths[i] - (line.length() - start);
            for (; padding > 0; padding -= SPACES.length) {
                if (column.rightAligned()) {
                    line.insert(start, SPACES, 0, Math.min(padding, SPACES.length));
                } else if (i < last) {
                    line.append(SPACES, 0, Math.min(padding, SPACES.length));
                }
            }
            if (i < last) {
                line.append(GAP);
            }
        }
        line.append(LINE_END);
        int length = line.length();
        if (lineChars.length < length) {
            lineChars = new char[Math.max(length, 2 * lineChars.length)];
        }
        line.getChars(0, length, lineChars, 0);
        out.write(lineChars, 0, length);
    }

    private void print(String[] cells, boolean isHeader) {
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            String text = cells[i];
            if (maxWidth > 0 && text.length() > widths[i]) {
                text = text.substring(0, Math.max(0, widths[i] - 1)) + "…";
            }
            int padding = Math.max(0, widths[i] - text.length());
            if (columns.get(i).rightAligned()) {
                line.repeat(' ', padding);
            }
            line.append(isHeader ? style.header(text) : style.cell(columns.get(i), text));
            if (!last) {
                if (!columns.get(i).rightAligned()) {
                    line.repeat(' ', padding);
                }
                line.append(GAP);
            }
        }
        out.println(line);
    }
}
