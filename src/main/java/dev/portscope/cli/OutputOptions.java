package dev.portscope.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * How a listing is written: a table, JSON or CSV. Annotated and programmatic forms as
 * {@link SelectionOptions}; {@code --json} and {@code -n} are the mixins every command shares.
 */
public final class OutputOptions {

    static final String CSV = "Write CSV with the table's columns.";
    static final String NO_HEADER = "Leave out the header line of tables and CSV.";
    static final String SORT = "Order rows by ${COMPLETION-CANDIDATES} (connections otherwise keep the kernel's order).";
    static final String GROUP_BY = "Write rows in groups, each under a title: ${COMPLETION-CANDIDATES}.";

    @Mixin
    JsonOption json = new JsonOption();

    @Option(names = "--csv", description = CSV)
    boolean csv;

    @Option(names = "--no-header", description = NO_HEADER)
    boolean noHeader;

    @Mixin
    NumericOption numeric = new NumericOption();

    @Option(names = "--sort", paramLabel = "KEY", description = SORT)
    RowOrder sort;

    @Option(names = "--group-by", paramLabel = "WHAT", description = GROUP_BY)
    RowGroup groupBy;

    /** Adds these options to a command built without annotations. */
    static void addTo(CommandSpec spec) {
        JsonOption.addTo(spec);
        spec.addOption(OptionSpec.builder("--csv").type(boolean.class).description(CSV).build());
        spec.addOption(OptionSpec.builder("--no-header").type(boolean.class).description(NO_HEADER).build());
        NumericOption.addTo(spec);
        spec.addOption(OptionSpec.builder("--sort").type(RowOrder.class).paramLabel("KEY").description(SORT).build());
        spec.addOption(OptionSpec.builder("--group-by").type(RowGroup.class).paramLabel("WHAT").description(GROUP_BY).build());
    }

    /** The options a command built by {@link #addTo} was given. */
    static OutputOptions from(ParseResult parsed) {
        OutputOptions options = new OutputOptions();
        options.json = JsonOption.from(parsed);
        options.csv = parsed.matchedOptionValue("--csv", false);
        options.noHeader = parsed.matchedOptionValue("--no-header", false);
        options.numeric = NumericOption.from(parsed);
        options.sort = parsed.matchedOptionValue("--sort", null);
        options.groupBy = parsed.matchedOptionValue("--group-by", null);
        return options;
    }

    void check() {
        if (json.requested() && csv) {
            throw new UsageException("--json and --csv cannot be used together");
        }
    }
}
