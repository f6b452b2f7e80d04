package dev.portscope.cli;

import dev.portscope.model.SocketState;
import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingView;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

final class ConnsCommand extends ListingCommand {

    static final String STATES = "Only these states, e.g. established, close-wait, time-wait (repeatable, comma-separated).";

    /** The states as users type them, for shell completion: {@code established}, {@code close-wait}... */
    static final List<String> STATE_NAMES = java.util.Arrays.stream(dev.portscope.model.SocketState.values())
            .filter(s -> s != dev.portscope.model.SocketState.UNKNOWN && s != dev.portscope.model.SocketState.LISTEN)
            .map(s -> s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toList();

    ConnsCommand(CliEnvironment env) {
        super(env, "conns", "List connections: TCP sockets in every state but LISTEN, and connected UDP sockets.");
        spec().addOption(OptionSpec.builder("--state").type(List.class).auxiliaryTypes(String.class).splitRegex(",")
                .paramLabel("STATE").description(STATES).completionCandidates(STATE_NAMES).build());
    }

    @Override
    ListingView view() {
        return ListingView.CONNECTIONS;
    }

    @Override
    SocketQuery query(ParseResult parsed) {
        SocketQuery query = SocketQuery.connections();
        List<String> states = parsed.matchedOptionValue("--state", List.of());
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
