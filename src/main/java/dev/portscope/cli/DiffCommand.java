package dev.portscope.cli;

import dev.portscope.app.Session;

import dev.portscope.analysis.audit.Baseline;
import dev.portscope.analysis.audit.BaselineDiff;
import dev.portscope.analysis.audit.ListenerChange;
import dev.portscope.model.Snapshot;
import dev.portscope.query.SocketQuery;
import dev.portscope.render.BaselineDiffJsonWriter;
import dev.portscope.render.BaselineDiffTextWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Listeners that appeared, disappeared, or changed owner or exposure since a baseline saved by 'portscope snapshot save'.",
            "Exit status 0 when nothing changed, 1 when something did, 2 when the baseline cannot be used, 3 when the answer is partial."})
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A baseline saved by 'portscope snapshot save'.")
    Path file;

    @Mixin
    SourceOptions source;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        Baseline before;
        try {
            before = AuditFiles.baseline(file);
        } catch (AuditFiles.UnusableFileException e) {
            err.println("portscope: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (before.spansNamespaces() && !source.namespaces.all) {
            err.println("portscope: " + file + " holds the listeners of every network namespace: compare it with 'portscope diff -A'");
            return ExitCodes.USAGE;
        }
        Session session = Sessions.open(source, parent.env());
        Snapshot snapshot = session.inventory().take(SocketQuery.listening(), s -> true, !source.noProcess);
        List<ListenerChange> changes = BaselineDiff.compare(before, Baseline.of(snapshot));
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            BaselineDiffJsonWriter.write(out, before, changes, Version.envelope(snapshot), snapshot.diagnostics());
            out.flush();
        } else {
            BaselineDiffTextWriter.write(out, changes);
        }
        Sessions.report(snapshot.diagnostics(), err);
        if (snapshot.partial()) {
            return ExitCodes.PARTIAL;
        }
        return changes.isEmpty() ? ExitCodes.OK : ExitCodes.NOT_FOUND;
    }
}
