package dev.portscope.cli;

import dev.portscope.app.Session;

import dev.portscope.analysis.audit.Baseline;
import dev.portscope.model.Snapshot;
import dev.portscope.query.SocketQuery;
import dev.portscope.render.BaselineJsonWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "snapshot", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"'snapshot save FILE' keeps the listeners of this machine (ports, exposure, programs, users) as a JSON baseline",
            "for 'portscope diff FILE' and 'portscope audit --baseline FILE'."})
final class SnapshotCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "save")
    String action;

    @Parameters(index = "1", paramLabel = "FILE", description = "Where to write the baseline: a file (replaced whole), a device or FIFO, or - for standard output.")
    Path file;

    @Mixin
    SourceOptions source;

    @Override
    public Integer call() {
        if (!"save".equals(action)) {
            throw new UsageException("unknown snapshot action '" + action + "': expected save");
        }
        Session session = Sessions.open(source, parent.env());
        Snapshot snapshot = session.inventory().take(SocketQuery.listening(), s -> true, !source.noProcess);
        Baseline baseline = Baseline.of(snapshot);
        StringWriter text = new StringWriter();
        BaselineJsonWriter.write(text, baseline, Version.generator(), snapshot.diagnostics());
        AuditFiles.writeWhole(file, text.toString(), spec.commandLine().getOut(), parent.env());
        var err = spec.commandLine().getErr();
        err.println("portscope: saved " + baseline.listeners().size() + " listeners to "
                + (file.toString().equals("-") ? "standard output" : file));
        Sessions.report(snapshot.diagnostics(), err);
        return snapshot.partial() ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
}
