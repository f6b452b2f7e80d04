package dev.portscope.cli;

import dev.portscope.app.CounterStore;
import dev.portscope.app.FileException;
import dev.portscope.app.Session;

import dev.portscope.analysis.CloseWaitPileUps;
import dev.portscope.analysis.health.CounterHistory;
import dev.portscope.analysis.health.HealthAnalyzer;
import dev.portscope.analysis.health.HealthReport;
import dev.portscope.analysis.health.HealthThresholds;
import dev.portscope.analysis.health.Level;
import dev.portscope.platform.TcpCounters;
import dev.portscope.platform.PortSettings;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.query.SocketQuery;
import dev.portscope.render.HealthJsonWriter;
import dev.portscope.render.HealthTextWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import dev.portscope.model.Diagnostic;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.KernelSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "health", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Connection diagnostics in plain language: CLOSE_WAIT piling up, full accept queues, unanswered SYNs, "
                + "SYN floods, TIME_WAIT against the ephemeral range, retransmissions, slow and idle connections, resets.",
            "Resets are counted since the previous run (kept under $XDG_STATE_HOME/portscope) or over --interval.",
            "Exit status (monitoring-plugin convention, as audit): 0 OK, 1 warning, 2 critical, "
                    + "3 unknown (incomplete inspection, bad option)."})
final class HealthCommand implements Callable<Integer>, MonitoringCheck {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--interval", paramLabel = "SECONDS",
            description = "Count the kernel's resets and queue overflows over this many seconds (1-3600) instead of since the last run.")
    Integer interval;

    @Option(names = "--close-wait", paramLabel = "N", description = "CLOSE_WAIT sockets of one process that make a warning, ten times as many "
            + "critical (default: 10; the setting a policy's thresholds.closeWaitPerProcess gives audit).")
    int closeWait = HealthThresholds.DEFAULTS.closeWaitPerProcess();

    @Mixin
    JsonOption json;

    @Mixin
    SourceOptions source;

    @Override
    public Integer call() throws InterruptedException {
        CliEnvironment env = parent.env();
        if (interval != null && (interval < 1 || interval > 3600)) {
            throw new UsageException("--interval: expected 1 to 3600 seconds, not " + interval);
        }
        if (!CloseWaitPileUps.validThreshold(closeWait)) {
            throw new UsageException("--close-wait: expected a count from 1 to 1000000, not " + closeWait);
        }
        boolean live = source.replay == null;
        if ((source.replay != null || Session.detailsAvailable(env.platform(), source.backend))) { // live, or the details a recording holds
            source.info = true; // TCP info: retransmissions, round-trip times, idle times
        }
        Session session = Sessions.open(source, env);
        KernelSettings kernel = session.kernel(); // a replay's: the recorded settings, or assumed ones
        DiagnosticLog log = new DiagnosticLog();
        TcpCounters before = null;
        String period = null;
        CounterStore history = live ? CounterStore.locate(env.variables(), env.platform()).orElse(null) : null;
        if (live && interval != null) {
            before = kernel.tcpCounters(env.clock(), log).orElse(null);
            Thread.sleep(Duration.ofSeconds(interval));
            period = "over " + interval + " s";
        } else if (history != null) {
            before = history.load().orElse(null);
            period = before == null ? null : "since the last run at " + before.time();
        }
        TcpCounters now = live ? kernel.tcpCounters(env.clock(), log).orElse(null) : null;
        if (now != null && before != null && interval == null && wentDown(before, now)) {
            // rebooted since the last run: what grew in between cannot be told, the totals since boot can
            log.report(Diagnostic.Kind.NOTE, "the kernel's counters went down since the last run at " + before.time()
                    + " (a reboot): totals since boot instead");
            before = null;
            period = null;
        }
        Snapshot snapshot = session.inventory().take(SocketQuery.all().withProtocols(EnumSet.of(Protocol.TCP)), s -> true, !source.noProcess);
        PortSettings settings = kernel.portSettings();
        OptionalInt somaxconn = kernel.maxAcceptQueue();
        HealthThresholds limits = HealthThresholds.DEFAULTS.withCloseWait(closeWait);
        HealthReport report = HealthAnalyzer.analyze(snapshot, settings, somaxconn, now, before, period, limits);
        if (history != null && now != null) {
            try {
                history.save(now);
            } catch (FileException e) {
                log.report(Diagnostic.Kind.NOTE, "counters not kept for the next run: " + e.getMessage());
            }
        }
        List<Diagnostic> diagnostics = new ArrayList<>(snapshot.diagnostics());
        diagnostics.addAll(log.diagnostics());
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            new HealthJsonWriter(out, Version.envelope(snapshot)).write(report, diagnostics);
        } else {
            new HealthTextWriter(out).write(report);
        }
        out.flush();
        Sessions.report(diagnostics, spec.commandLine().getErr());
        Level worst = report.worst();
        boolean incomplete = diagnostics.stream().anyMatch(d -> d.kind().partial());
        return ExitCodes.ofCheck(worst == Level.CRITICAL, worst == Level.WARNING, incomplete);
    }

    private static boolean wentDown(TcpCounters before, TcpCounters now) {
        return before.values().entrySet().stream().anyMatch(e -> now.values().containsKey(e.getKey()) && now.values().get(e.getKey()) < e.getValue());
    }
}
