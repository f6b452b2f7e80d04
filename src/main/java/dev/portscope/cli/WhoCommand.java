package dev.portscope.cli;

import dev.portscope.app.PortLookup;
import dev.portscope.app.Session;

import dev.portscope.analysis.who.PortReport;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.model.Snapshot;
import dev.portscope.query.PortTarget;
import dev.portscope.render.ListingContext;
import dev.portscope.render.WhoJsonWriter;
import dev.portscope.render.WhoTextWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "who", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Everything holding a port: listeners first, then sockets using it as their local port, "
                + "then connections to it on peers.",
            "Exit status 0 when something on this machine holds the port, 1 when nothing does, 3 when it depends on "
                    + "an IPV6_V6ONLY flag the source did not report."})
final class WhoCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PORT", description = "8080, :8080, 8080/udp, 127.0.0.1:8080, [::1]:8080 or a service name (ssh).")
    String port;

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
        PortLookup.Answer answer = PortLookup.lookup(session, target, !source.noProcess);
        Snapshot snapshot = answer.snapshot();
        PortReport report = answer.report();
        Map<Integer, ProcessOrigin> origins = answer.origins();
        ListingContext context = session.context(numeric.requested(), !source.noProcess);
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            new WhoJsonWriter(out, context, origins, Version.envelope(snapshot)).write(report, snapshot.diagnostics());
        } else {
            new WhoTextWriter(out, context, origins, snapshot.time()).write(report);
        }
        out.flush();
        Sessions.report(snapshot.diagnostics(), spec.commandLine().getErr());
        return report.held() ? ExitCodes.OK : report.maybeHeld() ? ExitCodes.PARTIAL : ExitCodes.NOT_FOUND;
    }
}
