package dev.portscope.cli;

import dev.portscope.inventory.Inventory;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import dev.portscope.render.CsvListingWriter;
import dev.portscope.render.JsonListingWriter;
import dev.portscope.render.ListingContext;
import dev.portscope.render.ListingHeader;
import dev.portscope.render.ListingRow;
import dev.portscope.render.ListingView;
import dev.portscope.render.ListingWriter;
import dev.portscope.render.TableWriter;
import dev.portscope.render.TerminalStyle;
import dev.portscope.services.ServiceTable;
import dev.portscope.source.Backend;
import dev.portscope.source.Backends;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** What {@code listen}, {@code conns} and {@code all} share: query, collect, render, report. */
final class Listing {

    private Listing() {}

    static int run(
            ListingView view,
            SocketQuery query,
            Predicate<Socket> filter,
            SelectionOptions selection,
            OutputOptions output,
            SourceOptions source,
            CliEnvironment env,
            PrintWriter out,
            PrintWriter err) {
        output.check();
        Session session = Session.open(source, env);
        boolean withOwners = !source.noProcess;
        Snapshot snapshot = session.inventory().take(selection.applyTo(query), filter, withOwners);

        ListingContext context = session.context(output.numeric, withOwners);
        ListingWriter writer = writerFor(output, context, env, out);
        writer.begin(new ListingHeader(view, snapshot.time(), snapshot.host(), session.backend().name()));
        List<Socket> sockets = snapshot.sockets().stream().sorted(order(view)).toList();
        for (Socket socket : sockets) {
            writer.row(new ListingRow(socket, snapshot.ownersOf(socket)));
        }
        writer.end(snapshot.diagnostics(), snapshot.partial());
        out.flush();
        Session.report(snapshot.diagnostics(), err);
        return snapshot.partial() ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

    /** Listeners by protocol then port, as people scan them; connections keep the kernel's order. */
    private static Comparator<Socket> order(ListingView view) {
        if (view != ListingView.LISTENING) {
            return (a, b) -> 0;
        }
        return Comparator.comparing((Socket s) -> s.protocol())
                .thenComparingInt(s -> s.local().port())
                .thenComparing(s -> s.family());
    }

    private static ListingWriter writerFor(OutputOptions output, ListingContext context, CliEnvironment env, PrintWriter out) {
        if (output.json) {
            return new JsonListingWriter(out, context, "portscope " + Version.text());
        }
        if (output.csv) {
            return new CsvListingWriter(out, context, !output.noHeader);
        }
        TerminalStyle style = env.colour() ? TerminalStyle.coloured() : TerminalStyle.plain();
        return new TableWriter(out, context, !output.noHeader, style, env.terminal() ? env.terminalWidth() : 0);
    }
}
