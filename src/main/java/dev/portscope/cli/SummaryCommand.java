package dev.portscope.cli;

import dev.portscope.app.Session;

import dev.portscope.analysis.summary.SocketSummary;
import dev.portscope.analysis.summary.Summarizer;
import dev.portscope.model.Snapshot;
import dev.portscope.query.SocketQuery;
import dev.portscope.render.SummaryJsonWriter;
import dev.portscope.render.SummaryTextWriter;
import dev.portscope.render.SummaryTextWriter.Section;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "summary", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Counts per protocol and state (like ss -s), the processes holding the most sockets, "
                + "the remote hosts with the most connections, CLOSE-WAIT and TIME-WAIT totals.")
final class SummaryCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    SelectionOptions selection;

    @Mixin
    SourceOptions source;

    @Mixin
    JsonOption json;

    @Option(names = "--sections", split = ",", paramLabel = "WHAT",
            description = "Sections to show: state, process, remote (default: all).")
    List<Section> sections = List.of();

    @Option(names = "--top", paramLabel = "N", description = "How many processes and remote hosts to list (default: ${DEFAULT-VALUE}).")
    int top = 10;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new UsageException("--top must be at least 1, not " + top);
        }
        Session session = Sessions.open(source, parent.env());
        Snapshot snapshot = session.inventory().take(selection.applyTo(SocketQuery.all()), s -> true, !source.noProcess);
        SocketSummary summary = Summarizer.summarize(snapshot, top);
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            SummaryJsonWriter.write(out, summary, Version.envelope(snapshot), snapshot.diagnostics());
        } else {
            SummaryTextWriter.write(out, summary, sections.isEmpty() ? EnumSet.allOf(Section.class) : EnumSet.copyOf(sections));
        }
        out.flush();
        Sessions.report(snapshot.diagnostics(), spec.commandLine().getErr());
        return snapshot.partial() ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
}
