package dev.portscope.tui;

import dev.portscope.render.ForeignText;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The keys of {@code top}, as a state machine over the {@link TopModel}: browsing, typing a filter,
 * answering a y/n question, reading a row's details. Pure apart from the actions it hands to its
 * runner once confirmed; {@link TopScreen} draws its state.
 */
public final class TopController {

    /** What the keys do now. */
    public enum Mode {
        BROWSE,
        FILTER,
        CONFIRM,
        DETAILS
    }

    /** The last line of the screen: a hint, a message, an error, or a question. */
    public record Status(String text, Kind kind) {
        public enum Kind {
            HINT,
            INFO,
            ERROR,
            PROMPT
        }
    }

    /** The keys most asked for, in 80 columns; '?' lists them all. */
    static final String HINTS = "q quit  / filter  <> sort  l view  Enter details  c close  K stop  ? more keys";

    static final List<String> KEYS = List.of(
            "Keys of portscope top",
            "",
            "  Up/Down, j/k          move the selection (PgUp/PgDn, Home/End: by pages, to either end)",
            "  < >  (or , .)         sort by the column to the left / right",
            "  r                     reverse the order",
            "  /                     filter, in the listings' ss language (sport = :8080, state established ...);",
            "                        Enter applies, Esc cancels, an empty filter shows every socket",
            "  l                     listeners / connections / all",
            "  g                     group by process / remote host / none",
            "  p  (or space)         pause and resume refreshing",
            "  Enter                 details of the selected row (what 'portscope who' says of its port)",
            "  c                     close the selected connection (asks first)",
            "  K                     stop the selected row's processes, as 'portscope kill' would (asks first)",
            "  Ctrl-L                draw the screen again",
            "  q, Ctrl-C             quit",
            "",
            "Green: opened in the last refreshes.  Red, dim: closed, kept a few refreshes.  Yellow: a changed value.");

    /** Longer than any filter typed by hand; the filter language bounds its own depth and size. */
    private static final int MAX_FILTER = 4096;

    private final TopModel model;
    private final RowActions actions;
    private final Consumer<Callable<RowActions.Done>> runner;
    private Mode mode = Mode.BROWSE;
    private final StringBuilder input = new StringBuilder();
    /** The text of a filter that could not be read, offered again by the next '/'. */
    private String lastTyped;
    private Status message;
    private RowActions.Proposal pending;
    private List<String> details = List.of();
    private int detailsOffset;
    private boolean paused;
    private boolean quit;
    private boolean redraw;
    private int pageRows = 10;
    private int columns = 80;

    /**
     * @param runner runs a confirmed action away from the screen's thread, and reports its outcome
     *               back through {@link #report}
     */
    public TopController(TopModel model, RowActions actions, Consumer<Callable<RowActions.Done>> runner) {
        this.model = model;
        this.actions = actions;
        this.runner = runner;
    }

    public void handle(Key key) {
        if (key.kind() == Key.Kind.INTERRUPT) {
            quit = true;
            return;
        }
        if (key.kind() == Key.Kind.REDRAW) {
            redraw = true;
            return;
        }
        switch (mode) {
            case BROWSE -> browse(key);
            case FILTER -> typeFilter(key);
            case CONFIRM -> confirm(key);
            case DETAILS -> readDetails(key);
        }
    }

    private void browse(Key key) {
        message = null;
        switch (key.kind()) {
            case UP -> model.moveSelection(-1);
            case DOWN -> model.moveSelection(1);
            case PAGE_UP -> model.moveSelection(-pageRows);
            case PAGE_DOWN -> model.moveSelection(pageRows);
            case HOME -> model.selectFirst();
            case END -> model.selectLast();
            case ENTER -> showDetails();
            case CHAR -> browseChar(key.ch());
            default -> { }
        }
    }

    private void browseChar(char c) {
        switch (c) {
            case 'q' -> quit = true;
            case 'j' -> model.moveSelection(1);
            case 'k' -> model.moveSelection(-1);
            case '<', ',' -> model.moveSort(-1);
            case '>', '.' -> model.moveSort(1);
            case 'r' -> model.reverseSort();
            case 'l' -> model.cycleScope();
            case 'g' -> model.cycleGrouping();
            case 'p', ' ' -> paused = !paused;
            case '/' -> {
                mode = Mode.FILTER;
                input.setLength(0);
                input.append(lastTyped != null ? lastTyped : model.filterText());
            }
            case 'c' -> propose(actions::proposeClose);
            case 'K' -> propose(actions::proposeStop);
            case '?', 'h' -> {
                details = KEYS;
                detailsOffset = 0;
                mode = Mode.DETAILS;
            }
            default -> { }
        }
    }

    private void showDetails() {
        Optional<TopRow> row = model.selectedRow();
        if (row.isEmpty()) {
            message = new Status("no row selected", Status.Kind.ERROR);
            return;
        }
        details = actions.details(row.get());
        detailsOffset = 0;
        mode = Mode.DETAILS;
    }

    private void propose(java.util.function.Function<TopRow, RowActions.Proposal> what) {
        Optional<TopRow> row = model.selectedRow();
        if (row.isEmpty()) {
            message = new Status("no row selected", Status.Kind.ERROR);
            return;
        }
        RowActions.Proposal proposal = what.apply(row.get());
        if (proposal.question() == null) {
            message = new Status(proposal.refusal(), Status.Kind.ERROR);
            return;
        }
        pending = proposal;
        mode = Mode.CONFIRM;
    }

    private void typeFilter(Key key) {
        switch (key.kind()) {
            case ENTER -> {
                mode = Mode.BROWSE;
                String text = input.toString();
                Optional<String> error = model.filter(text);
                message = error.map(e -> new Status(e, Status.Kind.ERROR))
                        .orElseGet(() -> new Status(text.isBlank() ? "no filter: every socket" : "filter: " + text.strip(), Status.Kind.INFO));
                lastTyped = error.isPresent() ? text : null; // '/' again starts from it, to correct it
            }
            case ESCAPE -> mode = Mode.BROWSE;
            case BACKSPACE -> {
                if (!input.isEmpty()) {
                    input.setLength(input.length() - 1);
                }
            }
            case CHAR -> {
                if (input.length() < MAX_FILTER) {
                    input.append(key.ch());
                }
            }
            default -> { }
        }
    }

    private void confirm(Key key) {
        mode = Mode.BROWSE;
        RowActions.Proposal proposal = pending;
        pending = null;
        if (key.is('y') || key.is('Y')) {
            message = new Status("working...", Status.Kind.INFO);
            runner.accept(proposal.action());
        } else {
            message = new Status("nothing done", Status.Kind.INFO);
        }
    }

    private void readDetails(Key key) {
        int last = Math.max(0, details().size() - pageRows);
        switch (key.kind()) {
            case UP -> detailsOffset = Math.max(0, detailsOffset - 1);
            case DOWN -> detailsOffset = Math.min(last, detailsOffset + 1);
            case PAGE_UP -> detailsOffset = Math.max(0, detailsOffset - pageRows);
            case PAGE_DOWN -> detailsOffset = Math.min(last, detailsOffset + pageRows);
            case HOME -> detailsOffset = 0;
            case END -> detailsOffset = last;
            case ENTER, ESCAPE -> mode = Mode.BROWSE;
            case CHAR -> {
                switch (key.ch()) {
                    case 'j' -> detailsOffset = Math.min(last, detailsOffset + 1);
                    case 'k' -> detailsOffset = Math.max(0, detailsOffset - 1);
                    case 'q' -> mode = Mode.BROWSE;
                    default -> { }
                }
            }
            default -> { }
        }
    }

    /** What a confirmed action came to, or another message from away from the keys. */
    public void report(String text, boolean error) {
        message = new Status(text, error ? Status.Kind.ERROR : Status.Kind.INFO);
    }

    /** The status line now. */
    public Status status() {
        return switch (mode) {
            case FILTER -> new Status("filter: " + ForeignText.visible(input.toString()) + "_", Status.Kind.PROMPT);
            case CONFIRM -> new Status(pending.question() + " [y/N]" + (pending.note().isEmpty() ? "" : " " + pending.note()), Status.Kind.PROMPT);
            case DETAILS -> new Status("Up/Down PgUp/PgDn scroll  q, Esc or Enter: back", Status.Kind.HINT);
            case BROWSE -> message != null ? message : new Status(HINTS, Status.Kind.HINT);
        };
    }

    public Mode mode() {
        return mode;
    }

    /** The lines of the details (or keys) shown, wrapped to the screen's width. */
    public List<String> details() {
        List<String> lines = new java.util.ArrayList<>();
        for (String line : details) {
            String rest = line;
            String indent = "";
            while (indent.length() + rest.length() > columns) {
                int room = Math.max(1, columns - indent.length());
                lines.add(indent + rest.substring(0, room));
                rest = rest.substring(room);
                indent = "    ";
            }
            lines.add(indent + rest);
        }
        return lines;
    }

    public int detailsOffset() {
        return detailsOffset;
    }

    public boolean paused() {
        return paused;
    }

    public boolean quit() {
        return quit;
    }

    /** Asks to quit from outside the keys (SIGINT). */
    public void requestQuit() {
        quit = true;
    }

    /** Whether the whole screen should be drawn again; true once after Ctrl-L. */
    public boolean takeRedraw() {
        boolean r = redraw;
        redraw = false;
        return r;
    }

    /** The screen as it is now: its width, and how many rows a page holds. */
    public void screen(int columns, int pageRows) {
        this.columns = Math.max(8, columns);
        this.pageRows = Math.max(1, pageRows);
    }

    public TopModel model() {
        return model;
    }
}
