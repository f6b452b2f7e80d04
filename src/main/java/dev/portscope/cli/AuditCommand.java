package dev.portscope.cli;

import dev.portscope.app.Session;

import dev.portscope.analysis.audit.AuditReport;
import dev.portscope.analysis.audit.Auditor;
import dev.portscope.analysis.audit.Baseline;
import dev.portscope.analysis.audit.Policy;
import dev.portscope.analysis.audit.PolicyDraft;
import dev.portscope.analysis.audit.Severity;
import dev.portscope.analysis.probe.ExcludedPorts;
import dev.portscope.analysis.probe.ProbeResult;
import dev.portscope.analysis.probe.ProbeRunner;
import dev.portscope.analysis.probe.ProbeTarget;
import dev.portscope.analysis.probe.ProbeTargets;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.query.SocketQuery;
import dev.portscope.render.AuditJsonWriter;
import dev.portscope.render.AuditPolicyWriter;
import dev.portscope.render.AuditTextWriter;
import dev.portscope.render.SarifWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Checks the listeners of this machine against the default rules, a policy and a baseline.",
            "Exit status (monitoring-plugin convention): 0 OK, 1 warning, 2 critical, "
                    + "3 unknown (incomplete inspection, unusable policy or baseline, bad option)."})
final class AuditCommand implements Callable<Integer>, MonitoringCheck {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Mixin
    JsonOption json;

    @Option(names = "--sarif", description = "Write SARIF 2.1.0, for code-scanning dashboards.")
    boolean sarif;

    @Option(names = "--policy", paramLabel = "FILE", description = "A YAML policy (format in the README).")
    Path policy;

    @Option(names = "--baseline", paramLabel = "FILE", description = "A baseline from 'portscope snapshot save': new listeners are findings.")
    Path baseline;

    @Option(names = "--init", arity = "0..1", paramLabel = "FILE", fallbackValue = "-",
            description = "Write a policy that accepts the machine as it is now, to FILE or standard output, and stop.")
    String init;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Lowest severity that makes the exit status non-zero: warning or critical (default: ${DEFAULT-VALUE}).")
    Severity failOn = Severity.WARNING;

    @Mixin
    ProbeOptions probe;

    @Mixin
    ExcludeOption exclude;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return audit(out, err);
        } catch (AuditFiles.UnusableFileException e) {
            err.println("portscope: " + e.getMessage());
            return ExitCodes.UNKNOWN;
        }
    }

    private int audit(PrintWriter out, PrintWriter err) throws AuditFiles.UnusableFileException, InterruptedException {
        if (json.requested() && sarif) {
            throw new UsageException("--json and --sarif exclude each other");
        }
        if (init != null && (policy != null || baseline != null || json.requested() || sarif || probe.probe)) {
            throw new UsageException("--init takes no --policy, --baseline, --json, --sarif or --probe");
        }
        if (probe.probe) {
            source.namespaces.refuse("audit --probe");
        }
        if (exclude.given() && !probe.probe) {
            throw new UsageException("--exclude names ports not to probe: it needs --probe");
        }
        ExcludedPorts excluded = exclude.excluded();
        Optional<Policy> rules = policy == null ? Optional.empty() : Optional.of(AuditFiles.policy(policy));
        Optional<Baseline> before = baseline == null ? Optional.empty() : Optional.of(AuditFiles.baseline(baseline));
        Session session = Sessions.open(source, parent.env());
        ProbeRunner prober = probe.probe ? probe.runner(session.services()) : null;
        Snapshot snapshot = session.inventory().take(SocketQuery.all(), s -> true, !source.noProcess);
        if (init != null) {
            return writePolicy(snapshot, out, err);
        }
        List<ProbeResult> probed = List.of();
        List<ProbeTarget> notProbed = List.of();
        if (prober != null) {
            ProbeTargets.Selection selection = ProbeTargets.select(snapshot, (protocol, port) -> protocol == Protocol.TCP, excluded);
            probed = prober.probe(selection.probed());
            notProbed = selection.excluded();
        }
        AuditReport report = Auditor.audit(snapshot, rules, before, probed);
        if (json.requested()) {
            AuditJsonWriter.write(out, report, Version.envelope(snapshot), snapshot.namespaces());
        } else if (sarif) {
            SarifWriter.write(out, report, snapshot.host(), Version.text());
        } else {
            AuditTextWriter.write(out, report, snapshot.namespaces());
        }
        out.flush();
        ExcludeOption.report(notProbed, err);
        Sessions.report(report.diagnostics(), err); // the snapshot's, and the probes that timed out
        return exitCode(report, failOn);
    }

    private int writePolicy(Snapshot snapshot, PrintWriter out, PrintWriter err) {
        Policy drafted = PolicyDraft.accepting(snapshot);
        if ("-".equals(init)) {
            AuditPolicyWriter.write(out, drafted, snapshot.host(), snapshot.time());
        } else {
            StringWriter text = new StringWriter();
            AuditPolicyWriter.write(new PrintWriter(text), drafted, snapshot.host(), snapshot.time());
            AuditFiles.writeWhole(Path.of(init), text.toString(), out, parent.env());
            err.println("portscope: wrote a policy of " + drafted.allow().size() + " allowed listeners to " + init);
        }
        Sessions.report(snapshot.diagnostics(), err);
        return snapshot.partial() ? ExitCodes.UNKNOWN : ExitCodes.OK;
    }

    /** Critical findings are certain even in a partial snapshot; quiet rules are not, so partial then means unknown. */
    static int exitCode(AuditReport report, Severity failOn) {
        Optional<Severity> worst = report.worst();
        return ExitCodes.ofCheck(worst.isPresent() && worst.get() == Severity.CRITICAL,
                worst.isPresent() && failOn == Severity.WARNING, report.partial());
    }
}
