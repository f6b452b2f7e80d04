package dev.portscope.cli;

import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "listen", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List sockets waiting for connections: TCP listeners and unconnected UDP sockets.")
final class ListenCommand implements Callable<Integer> {

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

    @Override
    public Integer call() {
        return Listing.run(ListingView.LISTENING, SocketQuery.listening(), new Listing.Options(selection, output, source, filter),
                parent.env(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
