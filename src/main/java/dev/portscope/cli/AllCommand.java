package dev.portscope.cli;

import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "all", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List every TCP and UDP socket, listening or not.")
final class AllCommand implements Callable<Integer> {

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
        return Listing.run(ListingView.ALL, SocketQuery.all(), new Listing.Options(selection, output, source, filter),
                parent.env(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
