package dev.portscope.tui;

import dev.portscope.analysis.close.ClosePlan;
import dev.portscope.analysis.close.ClosePlanner;
import dev.portscope.analysis.close.Connection;
import dev.portscope.analysis.close.LeftOut;
import dev.portscope.analysis.kill.Lineage;
import dev.portscope.analysis.kill.ProcessStopper;
import dev.portscope.analysis.kill.StopAction;
import dev.portscope.analysis.kill.StopOutcome;
import dev.portscope.analysis.kill.StopPlanner;
import dev.portscope.analysis.kill.StopTarget;
import dev.portscope.analysis.kill.SystemProcesses;
import dev.portscope.analysis.who.PortHolders;
import dev.portscope.analysis.who.PortReport;
import dev.portscope.app.Session;
import dev.portscope.engine.Refresh;
import dev.portscope.engine.Sighting;
import dev.portscope.model.AddressText;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.render.Column;
import dev.portscope.model.TcpInfo;
import dev.portscope.platform.SocketCloser;
import dev.portscope.query.PortTarget;
import dev.portscope.render.CloseText;
import dev.portscope.render.CommandLineText;
import dev.portscope.render.Durations;
import dev.portscope.render.ForeignText;
import dev.portscope.render.ListingContext;
import dev.portscope.render.WhoTextWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code top}'s actions on this machine: a row's details are what {@code who} says of its port
 * (over the refresh on screen); closing goes through {@code close}'s planner and the platform's
 * closer (the same connections left out, each socket named by its cookie); stopping goes through
 * {@code kill}'s planner and stopper (the same refusals, the same start-time check before each signal).
 */
public final class SessionActions implements RowActions {

    /** How long a stopped process gets to exit after SIGTERM, as {@code kill}'s default; no SIGKILL follows. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Session session;
    private final ListingContext context;
    private final Lineage lineage;
    private Refresh latest;

    public SessionActions(Session session, ListingContext context, Lineage lineage) {
        this.session = session;
        this.context = context;
        this.lineage = lineage;
    }

    /** The refresh on screen, which details describe. */
    public void show(Refresh refresh) {
        latest = refresh;
    }

    @Override
    public List<String> details(TopRow row) {
        List<String> lines = new ArrayList<>();
        Sighting sighting = row.sighting();
        Socket socket = sighting.socket();
        lines.add("Selected socket" + (row.mark() == TopRow.Mark.CLOSED ? " (closed)" : "") + ":");
        lines.add("  " + TopColumn.PROTO.text(sighting, context) + "  " + socket.state().displayName(socket.protocol()) + "  "
                + AddressText.local(socket) + " -> " + AddressText.endpoint(socket.remote(), socket.family())
                + "  recv-q " + Column.queue(socket.receiveQueue()) + "  send-q " + Column.queue(socket.sendQueue())
                + (socket.uidKnown() ? "  uid " + socket.uid() + " (" + ForeignText.visible(context.userNames().apply(socket.uid())) + ")" : ""));
        if (latest != null) {
            lines.add("  first seen " + TIME.format(sighting.firstSeen()) + " ("
                    + Durations.compact(Duration.between(sighting.firstSeen(), latest.time())) + " ago)");
        }
        TcpInfo info = socket.tcpInfo();
        if (info != null) {
            lines.add(String.format(Locale.ROOT, "  rtt %.3f ms (var %.3f), retransmissions %d (now %d), cwnd %d, bytes acked %d, received %d,"
                    + " last send %d ms ago, last receive %d ms ago", info.rttMicros() / 1000.0, info.rttVarMicros() / 1000.0,
                    info.totalRetransmits(), info.retransmits(), info.congestionWindow(), info.bytesAcked(), info.bytesReceived(),
                    info.lastSendMillis(), info.lastReceiveMillis()));
        }
        for (ProcessInfo p : sighting.owners()) {
            lines.add("  held by " + ForeignText.visible(p.name()) + " (pid " + p.pid() + "), user " + ForeignText.visible(p.user())
                    + (sighting.ownersInferred() ? ", as the listener that accepted it (it lived less than a refresh)" : ""));
            lines.add("    command: " + (p.commandLine().isEmpty() ? "[" + ForeignText.visible(p.name()) + "]" : CommandLineText.of(p.commandLine())));
        }
        if (sighting.owners().isEmpty()) {
            lines.add("  no known process holds it (TIME-WAIT, or a process portscope may not read)");
        }
        if (latest != null) {
            lines.add("");
            lines.addAll(who(socket, latest.snapshot()));
        }
        return lines;
    }

    /** What {@code portscope who PORT/PROTO} says of the row's local port, over the refresh on screen. */
    private List<String> who(Socket socket, Snapshot snapshot) {
        PortTarget target = new PortTarget(socket.local().port(), Optional.of(socket.protocol()), Optional.empty());
        PortReport report = PortHolders.analyze(snapshot, target);
        Map<Integer, ProcessOrigin> origins = new HashMap<>();
        report.holdings().forEach(h -> h.owners().forEach(p -> origins.computeIfAbsent(p.pid(), pid -> session.inventory().origin(pid))));
        StringWriter text = new StringWriter();
        new WhoTextWriter(new PrintWriter(text), context, origins, snapshot.time()).write(report);
        return text.toString().lines().toList();
    }

    @Override
    public Proposal proposeClose(TopRow row) {
        Socket socket = row.sighting().socket();
        if (row.mark() == TopRow.Mark.CLOSED) {
            return Proposal.refuse("this connection has ended already");
        }
        ClosePlan plan = ClosePlanner.plan(List.of(new Connection(socket, row.sighting().owners())), false);
        if (plan.targets().isEmpty()) {
            return Proposal.refuse(switch (leftOut(plan)) {
                case LISTENER -> "a listener: K stops its process ('portscope close --listeners' closes the socket alone)";
                case TIME_WAIT -> "in TIME-WAIT: closed by its application already; the kernel lets it go within a minute";
                case NOT_CONNECTED -> "bound but not connected: no connection to close";
                case UDP -> "UDP has no connection to close";
                case UNKNOWN_STATE -> "in a state this version of portscope does not know: left alone";
            });
        }
        SocketCloser closer = session.platform().socketCloser();
        Optional<String> unavailable = closer.unavailableReason();
        if (unavailable.isPresent()) {
            return Proposal.refuse("cannot close connections here: " + ForeignText.visible(unavailable.get()));
        }
        String owners = row.sighting().owners().isEmpty() ? ""
                : " (" + row.sighting().owners().stream().map(SessionActions::name).collect(Collectors.joining(", ")) + ")";
        return Proposal.ask("Close " + CloseText.connection(socket) + owners + "?", "its process goes on; its peer gets a reset", () -> {
            SocketCloser.Result result = closer.close(List.of(socket)).getFirst();
            return new Done(CloseText.connection(socket) + ": " + ForeignText.visible(CloseText.describe(result)), !result.outcome().done());
        });
    }

    private static LeftOut leftOut(ClosePlan plan) {
        for (LeftOut reason : LeftOut.values()) {
            if (plan.leftOut(reason) > 0) {
                return reason;
            }
        }
        throw new IllegalStateException("a socket neither closed nor left out");
    }

    @Override
    public Proposal proposeStop(TopRow row) {
        Sighting sighting = row.sighting();
        if (sighting.owners().isEmpty()) {
            return Proposal.refuse("no known process holds this socket: nothing to stop");
        }
        if (sighting.ownersInferred()) {
            return Proposal.refuse("this connection's process was inferred from its listener, not seen: select the listener to stop it");
        }
        Map<Integer, ProcessOrigin> origins = new HashMap<>();
        sighting.owners().forEach(p -> origins.put(p.pid(), session.inventory().origin(p.pid())));
        List<StopTarget> targets = StopPlanner.targets(sighting.owners(), origins, lineage, false);
        List<StopTarget> signalled = targets.stream().filter(t -> t.action() == StopAction.SIGNAL).toList();
        List<StopTarget> refused = targets.stream().filter(t -> t.action() == StopAction.REFUSE).toList();
        String refusals = refused.stream().map(t -> "refusing " + name(t.process()) + ": " + ForeignText.visible(t.reason()))
                .collect(Collectors.joining("; "));
        if (signalled.isEmpty()) {
            return Proposal.refuse(capitalised(refusals));
        }
        String question = "Stop " + signalled.stream().map(t -> name(t.process()) + " (user " + ForeignText.visible(t.process().user()) + ")")
                .collect(Collectors.joining(", ")) + " with SIGTERM?";
        return Proposal.ask(question, refusals, () -> stop(signalled));
    }

    private Done stop(List<StopTarget> targets) throws InterruptedException {
        ProcessStopper stopper = new ProcessStopper(new SystemProcesses(session.backend().processes()));
        List<String> outcomes = new ArrayList<>();
        boolean failed = false;
        for (StopTarget t : targets) {
            StopOutcome outcome = stopper.signal(t.process(), STOP_TIMEOUT, false);
            failed |= outcome != StopOutcome.STOPPED && outcome != StopOutcome.ALREADY_GONE && outcome != StopOutcome.ALREADY_EXITED
                    && outcome != StopOutcome.PID_REUSED;
            String said = outcome == StopOutcome.STILL_RUNNING ? "still running " + STOP_TIMEOUT.toSeconds() + " s after SIGTERM"
                    : outcome.description();
            outcomes.add(name(t.process()) + ": " + said);
        }
        return new Done(String.join("; ", outcomes), failed);
    }

    private static String name(ProcessInfo p) {
        return "pid " + p.pid() + " " + ForeignText.visible(p.name());
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
