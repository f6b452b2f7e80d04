package dev.portscope.cli;

import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingView;
import picocli.CommandLine.Command;

/** {@code portscope} alone lists listening sockets, like {@code portscope listen}. Subcommands: {@link Subcommands}. */
@Command(
        name = "portscope",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Which ports are in use on this machine, by whom, and is that right?",
        footer = {"", "Exit codes: 0 complete answer, 1 nothing found, 2 usage error, 3 partial answer (see stderr)."})
public final class PortscopeCommand extends ListingCommand {

    private final CliEnvironment env;

    public PortscopeCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    CliEnvironment env() {
        return env;
    }

    @Override
    ListingView view() {
        return ListingView.LISTENING;
    }

    @Override
    SocketQuery query() {
        return SocketQuery.listening();
    }
}
