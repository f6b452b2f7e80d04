package dev.portscope.cli;

import dev.portscope.app.Forwards;
import dev.portscope.app.Session;
import dev.portscope.model.IpFamily;
import dev.portscope.model.PortForward;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.render.PublishedPortsText;
import java.util.function.Supplier;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import dev.portscope.query.filter.Filter;
import dev.portscope.render.CsvListingWriter;
import dev.portscope.render.JsonListingWriter;
import dev.portscope.render.ListingContext;
import dev.portscope.render.ListingHeader;
import dev.portscope.render.ListingRow;
import dev.portscope.render.ListingView;
import dev.portscope.render.ListingWriter;
import dev.portscope.render.TableWriter;
import dev.portscope.render.TerminalStyle;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What {@code listen}, {@code conns} and {@code all} share: query, collect, render, report.
 *
 * <p>Listeners are few: they are collected, their owners looked up for just those sockets, then
 * sorted by port. Connections may be hundreds of thousands: owners are found first, then each
 * socket is written as the kernel hands it over, never holding the whole table (unless
 * {@code --sort} or {@code --group-by} asks for an order).
 */
final class Listing {

    private Listing() {}

    /** The options every listing command has. */
    record Options(SelectionOptions selection, OutputOptions output, SourceOptions source, FilterOptions filter) {}

    static int run(ListingView view, SocketQuery base, Options options, CliEnvironment env, PrintWriter out, PrintWriter err) {
        OutputOptions output = options.output();
        output.check();
        Session session = Sessions.open(options.source(), env);
        Filter filter = options.filter().socketFilter(session.services());
        options.filter().checkUsers(env.platform().credentials());
        // The filter's states go down to the backend (a kernel state mask); the filter itself runs again on each socket.
        SocketQuery query = options.selection().applyTo(base).narrowedToStates(filter.possibleStates());
        if (query.wantsNothing()) {
            String expression = String.join(" ", options.filter().expression);
            throw new UsageException(switch (view) {
                case LISTENING -> "'" + expression + "' selects no listening socket (listen shows TCP LISTEN and unconnected UDP); "
                        + "try 'portscope conns " + expression + "' or 'portscope all " + expression + "'";
                case CONNECTIONS -> "'" + expression + "' selects no connection (conns shows every TCP state but LISTEN, and "
                        + "connected UDP); try 'portscope listen " + expression + "' or 'portscope all " + expression + "'";
                case ALL -> "'" + expression + "' can select no socket with these options";
            });
        }
        boolean withOwners = !options.source().noProcess;
        if (options.filter().needsOwners() && !withOwners) {
            throw new UsageException("--pid and --process need the owning processes: leave out --no-process");
        }
        ListingContext context = session.context(output.numeric.requested(), withOwners, options.source().info);
        Predicate<ListingRow> rowFilter = options.filter().rowFilter(context.userNames());
        ListingWriter writer = writerFor(output, context, env, out);
        var header = new ListingHeader(view, session.clock().instant(), session.hostName().orElse(null), session.backend().name());

        List<Diagnostic> diagnostics;
        Comparator<ListingRow> order = output.sort != null ? output.sort.comparator()
                : view == ListingView.LISTENING ? RowOrder.PORT.comparator() : null;
        RowGroup group = output.groupBy;
        if (group != null) {
            order = order == null ? group.comparator() : group.comparator().thenComparing(order);
        }
        // Read beside the sockets: the NAT tools take tens of milliseconds to answer.
        DiagnosticLog natLog = new DiagnosticLog();
        boolean showsPublished = showsPublished(view, options, session);
        Supplier<List<PortForward>> natRules = showsPublished ? new Forwards(session, false).startNatRules(natLog) : List::of;
        List<ListingRow> held = new ArrayList<>();
        Consumer<ListingRow> next = order == null ? writer::row : held::add;
        writer.begin(header);
        if (view == ListingView.LISTENING) {
            Snapshot snapshot = session.inventory().take(query, filter, withOwners);
            for (Socket socket : snapshot.sockets()) {
                ListingRow row = new ListingRow(socket, snapshot.ownersOf(socket));
                if (rowFilter.test(row)) {
                    next.accept(row);
                }
            }
            diagnostics = snapshot.diagnostics();
        } else {
            int[] written = {0};
            try {
                diagnostics = session.inventory().stream(query, filter, withOwners, (socket, owners) -> {
                    ListingRow row = new ListingRow(socket, owners);
                    if (rowFilter.test(row)) {
                        next.accept(row);
                        // PrintWriter never throws: ask now and then whether the reader is still there (| head)
                        if (++written[0] % 4096 == 0 && out.checkError()) {
                            throw new ReaderGone();
                        }
                    }
                });
            } catch (ReaderGone e) {
                return ExitCodes.OK;
            }
        }
        if (order != null) {
            held.sort(order);
            String title = null;
            for (ListingRow row : held) {
                if (group != null && !group.titleOf(row).equals(title)) {
                    title = group.titleOf(row);
                    writer.group(title);
                }
                writer.row(row);
            }
        }
        List<PortForward> forwards = natRules.get().stream()
                .filter(f -> query.wants(f.protocol(), f.target() instanceof java.net.Inet6Address ? IpFamily.IPV6 : IpFamily.IPV4))
                .sorted(Comparator.comparingInt(PortForward::port))
                .toList();
        if (!natLog.diagnostics().isEmpty()) {
            diagnostics = new ArrayList<>(diagnostics);
            diagnostics.addAll(natLog.diagnostics());
        }
        boolean partial = diagnostics.stream().anyMatch(d -> d.kind().partial());
        boolean written = showsPublished && writer.published(forwards);
        writer.end(diagnostics, partial);
        if (showsPublished && !written) {
            PublishedPortsText.write(out, forwards);
        }
        out.flush();
        Sessions.report(diagnostics, err);
        return partial ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

    /**
     * {@code listen} of this machine, not narrowed to sockets' details (a filter, --pid, --process,
     * --user): ports published by NAT rules are listening ports without a socket.
     */
    private static boolean showsPublished(ListingView view, Options options, Session session) {
        FilterOptions filter = options.filter();
        return view == ListingView.LISTENING && !session.isReplay() && !options.output().csv
                && filter.expression.isEmpty() && filter.pids.isEmpty() && filter.processNames.isEmpty() && filter.users.isEmpty();
    }

    private static ListingWriter writerFor(OutputOptions output, ListingContext context, CliEnvironment env, PrintWriter out) {
        if (output.json.requested()) {
            return new JsonListingWriter(out, context, Version.generator());
        }
        if (output.csv) {
            return new CsvListingWriter(out, context, !output.noHeader);
        }
        TerminalStyle style = env.colour() ? TerminalStyle.coloured() : TerminalStyle.plain();
        return new TableWriter(out, context, !output.noHeader, style, env.terminal() ? env.terminalWidth() : 0);
    }

    /** The reader of standard output went away: the rest of the listing has no one to read it. */
    private static final class ReaderGone extends RuntimeException {
        ReaderGone() {
            super(null, null, false, false);
        }
    }
}
