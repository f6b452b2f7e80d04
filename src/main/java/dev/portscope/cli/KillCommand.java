package dev.portscope.cli;

import dev.portscope.app.Session;

import dev.portscope.analysis.kill.Lineage;
import dev.portscope.analysis.kill.ProcessStopper;
import dev.portscope.analysis.kill.StopAction;
import dev.portscope.analysis.kill.StopOutcome;
import dev.portscope.analysis.kill.StopPlan;
import dev.portscope.analysis.kill.StopPlanner;
import dev.portscope.analysis.kill.StopTarget;
import dev.portscope.analysis.kill.SystemProcesses;
import dev.portscope.analysis.who.PortHolders;
import dev.portscope.analysis.who.PortReport;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.model.Snapshot;
import dev.portscope.query.PortTarget;
import dev.portscope.query.SocketQuery;
import dev.portscope.render.StopPlanText;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "kill", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Stop the processes that hold a port as servers, safely.",
            "Shows exactly what will be stopped and asks first. Exit 0 when the port is free afterwards, 1 when it is still held,",
            "3 when some processes could not be read (not root), so that other holders may be hidden."})
final class KillCommand implements Callable<Integer> {

    private static final BigDecimal MAX_TIMEOUT = BigDecimal.valueOf(3600);

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PORT", description = "8080, 8080/udp, 127.0.0.1:8080, [::1]:8080 or a service name.")
    String port;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--dry-run", description = "Only show what would be stopped.")
    boolean dryRun;

    @Option(names = "--via-service", description = "Stop processes of a systemd service with 'systemctl stop UNIT'.")
    boolean viaService;

    @Option(names = "--force", description = "Send SIGKILL to processes still running when the timeout ends.")
    boolean force;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "How long to wait after SIGTERM, from 0 (do not wait) to 3600 (default: ${DEFAULT-VALUE}).")
    String timeout = "5";

    @Override
    public Integer call() throws InterruptedException {
        Duration grace = timeout(timeout);
        CliEnvironment env = parent.env();
        PrintWriter out = spec.commandLine().getOut();
        Session session = Sessions.open(new SourceOptions(), env);
        PortTarget target;
        try {
            target = PortTarget.parse(port, session.services());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Snapshot snapshot = session.inventory().takeEveryHolder(SocketQuery.all(), s -> PortHolders.needed(s, target),
                s -> PortHolders.involves(s, target));
        Sessions.report(snapshot.diagnostics(), spec.commandLine().getErr());
        // Not root: an unreadable process may hold the port unseen, so no answer short of "free" is complete.
        boolean partial = snapshot.partial();
        int unsure = partial ? ExitCodes.PARTIAL : ExitCodes.NOT_FOUND;
        PortReport report = PortHolders.analyze(snapshot, target);
        Map<Integer, ProcessOrigin> origins = new HashMap<>();
        report.holdings().forEach(h -> h.owners().forEach(p -> origins.put(p.pid(), session.inventory().origin(p.pid()))));
        StopPlan plan = StopPlanner.plan(report, !partial, origins, Lineage.current(), viaService);

        if (!report.held() && !report.maybeHeld()) {
            out.println("Nothing holds port " + target.label() + ": nothing to stop.");
            return partial ? ExitCodes.PARTIAL : ExitCodes.OK;
        }
        StopPlanText.plan(out, plan, target.label());
        if (plan.targets().isEmpty()) {
            out.println(partial
                    ? "Nothing was stopped."
                    : "No process could be found for the sockets holding the port: nothing stopped.");
            return unsure;
        }
        if (dryRun) {
            out.println("Dry run: nothing was stopped.");
            return partial ? ExitCodes.PARTIAL : ExitCodes.OK;
        }
        if (!plan.hasWork()) {
            out.println("Nothing was stopped: port " + target.label() + " is still held.");
            return unsure;
        }
        if (!yes && !Confirmation.ask(env, out, "Stop them?")) {
            out.println("Nothing was stopped.");
            return ExitCodes.NOT_FOUND;
        }
        execute(session, plan, grace, out);
        if (!stillHeld(session, target)) {
            out.println("Port " + target.label() + " is free.");
            return ExitCodes.OK;
        }
        out.println("Port " + target.label() + " is still held" + (partial ? ", perhaps by processes hidden from you." : "."));
        return unsure;
    }

    /** Whether a server socket still holds the port; every socket is visible to anyone, so no owners are needed. */
    private static boolean stillHeld(Session session, PortTarget target) {
        Snapshot snapshot = session.inventory().take(SocketQuery.all(), s -> PortHolders.needed(s, target), s -> PortHolders.involves(s, target), false);
        return PortHolders.analyze(snapshot, target).holdings().stream().anyMatch(h -> StopPlanner.isTargetRole(h.role()));
    }

    /**
     * Decimal seconds from 0 to 3600, read by a pattern rather than {@link Double#parseDouble}, which
     * takes {@code NaN}, {@code Infinity}, {@code 0x10} and {@code 5d} too. 0 means: do not wait, so
     * with {@code --force} SIGKILL follows SIGTERM at once.
     */
    static Duration timeout(String text) {
        if (!text.matches("[0-9]{1,9}(\\.[0-9]{0,9})?|\\.[0-9]{1,9}") || new BigDecimal(text).compareTo(MAX_TIMEOUT) > 0) {
            throw new UsageException("--timeout must be a number of seconds from 0 to 3600, not '" + text + "'");
        }
        return Duration.ofNanos(new BigDecimal(text).movePointRight(9).longValue());
    }

    private void execute(Session session, StopPlan plan, Duration timeout, PrintWriter out) throws InterruptedException {
        ProcessStopper stopper = new ProcessStopper(new SystemProcesses(session.backend().processes()));
        Set<String> stoppedUnits = new HashSet<>();
        for (StopTarget t : plan.targets()) {
            ProcessInfo p = t.process();
            StopOutcome outcome = switch (t.action()) {
                case REFUSE -> StopOutcome.REFUSED;
                case SIGNAL -> stopper.signal(p, timeout, force);
                case STOP_SERVICE -> {
                    String unit = t.origin().systemdUnit();
                    boolean ok = stoppedUnits.contains(unit) || stopper.stopService(unit, timeout);
                    if (ok) {
                        stoppedUnits.add(unit);
                    }
                    yield ok ? StopOutcome.SERVICE_STOPPED : StopOutcome.SERVICE_STOP_FAILED;
                }
            };
            if (t.action() != StopAction.REFUSE) {
                StopPlanText.outcome(out, p, outcome);
            }
        }
    }
}
