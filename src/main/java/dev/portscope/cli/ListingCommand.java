package dev.portscope.cli;

import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code portscope}, {@code listen}, {@code conns} and {@code all}: one listing each, with the same options.
 *
 * <p>These are the commands run most and expected to answer at once, so they are built with picocli's
 * programmatic API ({@link CommandSpec}, {@link OptionSpec}) and read their values from the
 * {@link ParseResult}: picocli then reads no annotation, which costs a runtime proxy class per
 * annotation type (~0.1 s of every start, and proxies cannot be kept in the JVM's AOT cache). The
 * other subcommands keep their annotated classes and are registered only when named
 * ({@link Subcommands}).
 */
abstract class ListingCommand implements Callable<Integer> {

    static final String HELP = "Show this help message and exit.";
    static final String VERSION = "Print version information and exit.";

    private final CliEnvironment env;
    private final CommandSpec spec;

    /** A listing command with the shared options; subclasses add their own to {@link #spec()}. */
    ListingCommand(CliEnvironment env, String name, String... description) {
        this.env = env;
        this.spec = CommandSpec.wrapWithoutInspection(this).name(name).versionProvider(new Version());
        spec.usageMessage().description(description);
        SelectionOptions.addTo(spec);
        OutputOptions.addTo(spec);
        SourceOptions.addTo(spec);
        FilterOptions.addTo(spec);
        addStandardHelpOptions(spec);
    }

    /** {@code -h, --help} and {@code -V, --version}, as {@code @Command(mixinStandardHelpOptions = true)} adds them. */
    static void addStandardHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").type(boolean.class).usageHelp(true).description(HELP).build());
        spec.addOption(OptionSpec.builder("-V", "--version").type(boolean.class).versionHelp(true).description(VERSION).build());
    }

    /** The command's model, to register with picocli. */
    final CommandSpec spec() {
        return spec;
    }

    /** The environment this command was made for. */
    final CliEnvironment env() {
        return env;
    }

    abstract ListingView view();

    /** The sockets to list, from this command's own options. */
    abstract SocketQuery query(ParseResult parsed);

    @Override
    public final Integer call() {
        ParseResult parsed = spec.commandLine().getParseResult();
        var options = new Listing.Options(SelectionOptions.from(parsed), OutputOptions.from(parsed),
                SourceOptions.from(parsed), FilterOptions.from(parsed));
        return Listing.run(view(), query(parsed), options, env, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
