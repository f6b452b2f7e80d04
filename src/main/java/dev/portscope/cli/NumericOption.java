package dev.portscope.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** {@code -n, --numeric}, the same option in every command that names users or services; forms as {@link JsonOption}. */
public final class NumericOption {

    static final String NUMERIC = "Numbers only: no service names, uids instead of user names.";

    @Option(names = {"-n", "--numeric"}, description = NUMERIC)
    boolean numeric;

    /** Whether the command was asked for numbers only. */
    boolean requested() {
        return numeric;
    }

    /** Adds the option to a command built without annotations. */
    static void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-n", "--numeric").type(boolean.class).description(NUMERIC).build());
    }

    /** The option as a command built by {@link #addTo} was given it. */
    static NumericOption from(ParseResult parsed) {
        NumericOption option = new NumericOption();
        option.numeric = parsed.matchedOptionValue("--numeric", false);
        return option;
    }
}
