package dev.portscope.cli;

import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code portscope} alone lists listening sockets, like {@code portscope listen}. Subcommands: {@link Subcommands}. */
@Command(
        name = "portscope",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Which ports are in use on this machine, by whom, and is that right?",
        footer = {"", "Exit codes: 0 complete answer, 1 nothing found, 2 usage error, 3 partial answer (see stderr)."})
public final class PortscopeCommand implements Callable<Integer> {

    private final CliEnvironment env;

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

    public PortscopeCommand(CliEnvironment env) {
        this.env = env;
    }

    CliEnvironment env() {
        return env;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        return Listing.run(ListingView.LISTENING, SocketQuery.listening(), new Listing.Options(selection, output, source, filter),
                env, out, err);
    }
}
