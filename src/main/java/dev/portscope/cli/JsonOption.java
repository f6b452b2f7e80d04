package dev.portscope.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * {@code --json}, the same option in every command that writes JSON: a mixin of the annotated
 * commands, and built with picocli's programmatic API for the listings ({@link #addTo}, {@link #from}),
 * as {@link SelectionOptions} explains.
 */
public final class JsonOption {

    static final String JSON = "Write JSON (layout documented in the README).";

    @Option(names = "--json", description = JSON)
    boolean json;

    /** Whether the command was asked for JSON. */
    boolean requested() {
        return json;
    }

    /** Adds the option to a command built without annotations. */
    static void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--json").type(boolean.class).description(JSON).build());
    }

    /** The option as a command built by {@link #addTo} was given it. */
    static JsonOption from(ParseResult parsed) {
        JsonOption option = new JsonOption();
        option.json = parsed.matchedOptionValue("--json", false);
        return option;
    }
}
