package dev.portscope.cli;

import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code portscope}, {@code listen}, {@code conns} and {@code all}: one listing each, with the same options. */
abstract class ListingCommand implements Callable<Integer> {

    /** The root command, for subcommands; null in the root itself. */
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

    /** The environment the root command was given. */
    CliEnvironment env() {
        return parent.env();
    }

    abstract ListingView view();

    abstract SocketQuery query();

    @Override
    public Integer call() {
        return Listing.run(view(), query(), new Listing.Options(selection, output, source, filter),
                env(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
