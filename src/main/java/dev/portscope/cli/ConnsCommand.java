package dev.portscope.cli;

import dev.portscope.model.SocketState;
import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingView;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "conns", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List connections: TCP sockets in every state but LISTEN, and connected UDP sockets.")
final class ConnsCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    SelectionOptions selection;

    @Mixin
    OutputOptions output;

    @Mixin
    SourceOptions source;

    @Mixin
    FilterOptions filter;

    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "Only these states, e.g. established, close-wait, time-wait (repeatable, comma-separated).")
    List<String> states = List.of();

    @Override
    public Integer call() {
        SocketQuery query = SocketQuery.connections();
        if (!states.isEmpty()) {
            EnumSet<SocketState> wanted = EnumSet.noneOf(SocketState.class);
            for (String s : states) {
                try {
                    wanted.add(SocketState.parse(s));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--state: " + e.getMessage()
                            + " (expected e.g. established, syn-sent, close-wait, time-wait)");
                }
            }
            query = query.narrowedToStates(wanted);
        }
        return Listing.run(ListingView.CONNECTIONS, query, new Listing.Options(selection, output, source, filter),
                parent.env(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
