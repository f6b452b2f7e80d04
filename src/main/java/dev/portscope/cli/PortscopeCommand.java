package dev.portscope.cli;

import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingView;
import picocli.CommandLine.ParseResult;

/**
 * {@code portscope} alone lists listening sockets, like {@code portscope listen}. Subcommands:
 * {@link Subcommands}; the annotated ones reach {@link #env()} through {@code @ParentCommand}.
 */
public final class PortscopeCommand extends ListingCommand {

    public PortscopeCommand(CliEnvironment env) {
        super(env, "portscope", "Which ports are in use on this machine, by whom, and is that right?");
        spec().usageMessage().footer("",
                "Exit codes: 0 complete answer, 1 nothing found, 2 usage error, 3 partial answer (see stderr), 70 internal error.",
                "audit and health (monitoring-plugin convention): 0 OK, 1 warning, 2 critical, 3 unknown (incomplete, bad option).");
    }

    @Override
    ListingView view() {
        return ListingView.LISTENING;
    }

    @Override
    SocketQuery query(ParseResult parsed) {
        return SocketQuery.listening();
    }
}
