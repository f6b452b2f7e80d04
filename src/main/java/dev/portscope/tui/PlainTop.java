package dev.portscope.tui;

import dev.portscope.engine.Engine;
import dev.portscope.engine.Refresh;
import dev.portscope.model.Diagnostic;
import dev.portscope.render.ListingContext;
import dev.portscope.render.ListingHeader;
import dev.portscope.render.ListingRow;
import dev.portscope.render.ListingView;
import dev.portscope.render.TableWriter;
import dev.portscope.render.TerminalStyle;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code top} when standard output is not a terminal: each refresh as a plain table (the listings'
 * own writer), after a line that says when it was taken and what changed since the previous one.
 * Rows are the view model's, so the scope, the filter and the order are the screen's.
 */
public final class PlainTop {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private PlainTop() {}

    /**
     * Runs until {@code options.count()} refreshes were printed, or the reader of the output went away.
     *
     * @param report says diagnostics not said before (on stderr)
     * @return whether some refresh's answer was incomplete
     */
    public static boolean run(Engine engine, TopModel model, ListingContext context, TopOptions options, PrintWriter out,
            Consumer<List<Diagnostic>> report) throws InterruptedException {
        Notes notes = new Notes();
        long intervalNanos = options.interval().toNanos();
        long next = System.nanoTime();
        for (long shown = 1; options.count() == 0 || shown <= options.count(); shown++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next = Math.max(next + intervalNanos, System.nanoTime());
            Refresh refresh = engine.refresh();
            model.update(refresh);
            if (shown > 1) {
                out.println();
            }
            out.println("--- refresh " + refresh.sequence() + " at " + TIME.format(refresh.time()) + ": "
                    + model.summary().changesText() + " (short connections " + (engine.catchesShortConnections() ? "caught" : "missed")
                    + ")" + (model.filterText().isEmpty() ? "" : "; filter: " + dev.portscope.render.ForeignText.visible(model.filterText()))
                    + " ---");
            ListingView view = model.scope() == TopScope.LISTENERS ? ListingView.LISTENING : ListingView.ALL;
            TableWriter table = new TableWriter(out, context, true, TerminalStyle.plain(), 0);
            table.begin(new ListingHeader(view, refresh.time(), refresh.snapshot().host(), engine.session().backend().name()));
            for (TopLine line : model.lines()) {
                if (line instanceof TopLine.Title title) {
                    table.group(title.text());
                } else if (line instanceof TopLine.Row r && r.row().mark() != TopRow.Mark.CLOSED) {
                    table.row(new ListingRow(r.row().sighting().socket(), r.row().sighting().owners()));
                }
            }
            table.end(refresh.diagnostics(), refresh.snapshot().partial());
            out.flush();
            List<Diagnostic> fresh = notes.add(refresh.diagnostics());
            if (!fresh.isEmpty()) {
                report.accept(fresh);
            }
            if (out.checkError()) {
                break; // the reader went away (| head): no one to write for
            }
        }
        return notes.partial();
    }
}
