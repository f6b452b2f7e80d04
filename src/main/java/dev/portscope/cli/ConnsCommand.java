package dev.portscope.cli;

import dev.portscope.model.SocketState;
import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingView;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "conns", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List connections: TCP sockets in every state but LISTEN, and connected UDP sockets.")
final class ConnsCommand extends ListingCommand {

    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "Only these states, e.g. established, close-wait, time-wait (repeatable, comma-separated).")
    List<String> states = List.of();

    @Override
    ListingView view() {
        return ListingView.CONNECTIONS;
    }

    @Override
    SocketQuery query() {
        SocketQuery query = SocketQuery.connections();
        if (states.isEmpty()) {
            return query;
        }
        EnumSet<SocketState> wanted = EnumSet.noneOf(SocketState.class);
        for (String s : states) {
            try {
                wanted.add(SocketState.parse(s));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--state: " + e.getMessage() + " (expected e.g. established, syn-sent, close-wait, time-wait)");
            }
        }
        return query.narrowedToStates(wanted);
    }
}
