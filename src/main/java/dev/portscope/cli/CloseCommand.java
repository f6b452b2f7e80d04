package dev.portscope.cli;

import dev.portscope.analysis.close.ClosePlan;
import dev.portscope.analysis.close.ClosePlanner;
import dev.portscope.analysis.close.Connection;
import dev.portscope.app.Session;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.platform.SocketCloser;
import dev.portscope.platform.SocketCloser.Outcome;
import dev.portscope.platform.SocketCloser.Result;
import dev.portscope.query.SocketQuery;
import dev.portscope.query.filter.Filter;
import dev.portscope.render.CloseJsonWriter;
import dev.portscope.render.CloseText;
import dev.portscope.render.ListingContext;
import dev.portscope.render.ListingHeader;
import dev.portscope.render.ListingRow;
import dev.portscope.render.ListingView;
import dev.portscope.render.TerminalStyle;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "close", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Close TCP connections without stopping their processes, as ss -K does (needs root).",
            "The connections are those a filter selects, as in 'portscope conns FILTER'; listeners only with --listeners.",
            "Shows them first and asks. Exit 0 when every one is closed, 1 when some stay open or none was selected."})
final class CloseCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    FilterOptions filter;

    @Mixin
    SelectionOptions selection;

    @Mixin
    JsonOption json;

    @Mixin
    NumericOption numeric;

    @Option(names = "--listeners", description = "Close the listeners the filter selects too: their services stop taking connections.")
    boolean listeners;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--dry-run", description = "Only show what would be closed.")
    boolean dryRun;

    @Override
    public Integer call() {
        CliEnvironment env = parent.env();
        PrintWriter out = spec.commandLine().getOut();
        checkOptions();
        Session session = Sessions.open(new SourceOptions(), env);
        Filter socketFilter = filter.socketFilter(session.services());
        filter.checkUsers(env.platform().credentials());
        SocketQuery query = selection.applyTo(SocketQuery.all()).narrowedToStates(socketFilter.possibleStates());
        Snapshot snapshot = session.inventory().take(query, socketFilter, true);
        Sessions.report(snapshot.diagnostics(), spec.commandLine().getErr());
        ListingContext context = session.context(numeric.requested(), true);
        Predicate<ListingRow> byOwner = filter.rowFilter(context.userNames());
        List<Connection> selected = snapshot.sockets().stream()
                .map(s -> new Connection(s, snapshot.ownersOf(s)))
                .filter(c -> byOwner.test(new ListingRow(c.socket(), c.owners())))
                .toList();
        ClosePlan plan = ClosePlanner.plan(selected, listeners);
        // not root: a connection of a process that cannot be read escapes --pid, --process and --user unseen
        boolean partial = snapshot.partial();

        if (!json.requested()) {
            var header = new ListingHeader(ListingView.CONNECTIONS, snapshot.time(), snapshot.host(), session.backend().name());
            TerminalStyle style = env.colour() ? TerminalStyle.coloured() : TerminalStyle.plain();
            CloseText.plan(out, plan, header, context, style, env.terminal() ? env.terminalWidth() : 0);
        }
        List<Result> results = null;
        int code;
        if (plan.targets().isEmpty()) {
            code = partial ? ExitCodes.PARTIAL : ExitCodes.NOT_FOUND;
        } else if (dryRun) {
            textLine(out, "Dry run: nothing was closed.");
            code = partial ? ExitCodes.PARTIAL : ExitCodes.OK;
        } else {
            results = close(env, out, plan);
            if (results == null) {
                textLine(out, "Nothing was closed.");
                return ExitCodes.NOT_FOUND;
            }
            if (!json.requested()) {
                CloseText.outcomes(out, results);
            }
            boolean allClosed = results.stream().allMatch(r -> r.outcome().done());
            code = !allClosed ? ExitCodes.NOT_FOUND : partial ? ExitCodes.PARTIAL : ExitCodes.OK;
        }
        if (json.requested()) {
            new CloseJsonWriter(out, context, Version.envelope(snapshot)).write(plan, dryRun, results, snapshot.diagnostics());
        }
        out.flush();
        return code;
    }

    /** Refuses what cannot be done before anything is read. */
    private void checkOptions() {
        if (selection.udp && !selection.tcp) {
            throw new UsageException("close acts on TCP connections only: -u selects none");
        }
        if (filter.expression.isEmpty() && filter.pids.isEmpty() && filter.processNames.isEmpty() && filter.users.isEmpty()) {
            throw new UsageException("name the connections to close with a FILTER (e.g. 'dport = :5432') or --pid, --process, --user;"
                    + " to close every connection, say 'state connected'");
        }
        if (json.requested() && !yes && !dryRun) {
            throw new UsageException("--json cannot ask for confirmation: add --yes to close, or --dry-run to only show");
        }
    }

    /**
     * Asks (unless {@code --yes}), then closes; null when the answer was no. Where this platform cannot
     * close sockets at all, every connection says why, and nothing is asked.
     */
    private List<Result> close(CliEnvironment env, PrintWriter out, ClosePlan plan) {
        List<Socket> sockets = plan.targets().stream().map(Connection::socket).toList();
        SocketCloser closer = env.platform().socketCloser();
        Optional<String> unavailable = closer.unavailableReason();
        if (unavailable.isPresent()) {
            return sockets.stream().map(s -> new Result(s, Outcome.UNSUPPORTED, "cannot close connections here: " + unavailable.get()))
                    .toList();
        }
        if (!yes && !Confirmation.ask(env, out, sockets.size() == 1 ? "Close it?" : "Close them?")) {
            return null;
        }
        return closer.close(sockets);
    }

    private void textLine(PrintWriter out, String line) {
        if (!json.requested()) {
            out.println(line);
        }
    }
}
