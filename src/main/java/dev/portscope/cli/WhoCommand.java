package dev.portscope.cli;

import dev.portscope.app.Forwards;
import dev.portscope.app.PortLookup;
import dev.portscope.app.Session;
import dev.portscope.analysis.forward.Forwarding;
import dev.portscope.model.Diagnostic;
import dev.portscope.platform.DiagnosticLog;
import java.util.ArrayList;
import java.util.List;

import dev.portscope.analysis.who.PortReport;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.model.Snapshot;
import dev.portscope.query.PortTarget;
import dev.portscope.render.ListingContext;
import dev.portscope.render.WhoJsonWriter;
import dev.portscope.render.WhoTextWriter;
import dev.portscope.model.ProcessInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.portscope.model.PortForward;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "who", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Everything holding a port: listeners first, then sockets using it as their local port, "
                + "then connections to it on peers.",
            "Exit status 0 when something on this machine holds the port (a socket, or NAT rules publishing it), 1 when nothing does, 3 when it depends on "
                    + "an IPV6_V6ONLY flag the source did not report."})
final class WhoCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PORT", description = "8080, :8080, 8080/udp, 127.0.0.1:8080, [::1]:8080 or a service name (ssh).")
    String port;

    @Option(names = "--ask-runtime", description = "Ask the container runtime's daemon (Docker's API socket) for the names of "
            + "containers its files on this machine do not name.")
    boolean askRuntime;

    @Mixin
    JsonOption json;

    @Mixin
    NumericOption numeric;

    @Mixin
    SourceOptions source;

    @Override
    public Integer call() {
        CliEnvironment env = parent.env();
        Session session = Sessions.open(source, env);
        PortTarget target;
        try {
            target = PortTarget.parse(port, session.services());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        // The NAT tools take tens of milliseconds to answer: they run while the sockets are read.
        DiagnosticLog natLog = new DiagnosticLog();
        Forwards forwards = new Forwards(session, !source.noProcess);
        Supplier<List<PortForward>> natRules = forwards.startNatRules(natLog);
        PortLookup.Answer answer = PortLookup.lookup(session, target, !source.noProcess);
        Snapshot snapshot = answer.snapshot();
        PortReport report = answer.report();
        DiagnosticLog log = new DiagnosticLog();
        snapshot.diagnostics().forEach(d -> log.report(d.kind(), d.message()));
        Map<Integer, Forwarding> proxies = forwards.ofProxies(report, log);
        List<Forwarding> published = forwards.published(target, natRules.get(), log);
        natLog.diagnostics().forEach(d -> log.report(d.kind(), d.message()));
        Map<Integer, ProcessOrigin> origins = new HashMap<>(answer.origins());
        // the lookup asked for origins without a log: one more ask hands over the notes gathered (state files unreadable)
        answer.origins().keySet().stream().findFirst().ifPresent(pid -> session.inventory().origin(pid, log));
        List<ProcessInfo> described = new ArrayList<>(Forwards.processes(proxies.values()));
        described.addAll(Forwards.processes(published));
        for (ProcessInfo p : described) {
            origins.computeIfAbsent(p.pid(), pid -> session.inventory().origin(pid, log));
        }
        if (askRuntime && !session.isReplay()) {
            origins.replaceAll((pid, o) -> o.container() == null || o.container().name() != null ? o
                    : new ProcessOrigin(o.systemdUnit(), o.userUnit(), env.platform().runtimeDaemons().name(o.container(), log)));
        }
        List<Diagnostic> diagnostics = log.diagnostics();
        ListingContext context = session.context(numeric.requested(), !source.noProcess);
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            new WhoJsonWriter(out, context, origins, Version.envelope(snapshot), proxies, published).write(report, diagnostics);
        } else {
            new WhoTextWriter(out, context, origins, snapshot.time(), proxies, published).write(report);
        }
        out.flush();
        Sessions.report(diagnostics, spec.commandLine().getErr());
        if (report.held() || !published.isEmpty()) {
            return ExitCodes.OK;
        }
        return report.maybeHeld() ? ExitCodes.PARTIAL : ExitCodes.NOT_FOUND;
    }
}
