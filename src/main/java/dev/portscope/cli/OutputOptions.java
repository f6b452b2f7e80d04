package dev.portscope.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** How results are written: a table, JSON or CSV. Annotated and programmatic forms as {@link SelectionOptions}. */
public final class OutputOptions {

    static final String JSON = "Write JSON (layout documented in the README).";
    static final String CSV = "Write CSV with the table's columns.";
    static final String NO_HEADER = "Leave out the header line of tables and CSV.";
    static final String NUMERIC = "Numbers only: no service names, uids instead of user names.";
    static final String SORT = "Order rows by ${COMPLETION-CANDIDATES} (connections otherwise keep the kernel's order).";
    static final String GROUP_BY = "Write rows in groups, each under a title: ${COMPLETION-CANDIDATES}.";

    @Option(names = "--json", description = JSON)
    boolean json;

    @Option(names = "--csv", description = CSV)
    boolean csv;

    @Option(names = "--no-header", description = NO_HEADER)
    boolean noHeader;

    @Option(names = {"-n", "--numeric"}, description = NUMERIC)
    boolean numeric;

    @Option(names = "--sort", paramLabel = "KEY", description = SORT)
    RowOrder sort;

    @Option(names = "--group-by", paramLabel = "WHAT", description = GROUP_BY)
    RowGroup groupBy;

    /** Adds these options to a command built without annotations. */
    static void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--json").type(boolean.class).description(JSON).build());
        spec.addOption(OptionSpec.builder("--csv").type(boolean.class).description(CSV).build());
        spec.addOption(OptionSpec.builder("--no-header").type(boolean.class).description(NO_HEADER).build());
        spec.addOption(OptionSpec.builder("-n", "--numeric").type(boolean.class).description(NUMERIC).build());
        spec.addOption(OptionSpec.builder("--sort").type(RowOrder.class).paramLabel("KEY").description(SORT).build());
        spec.addOption(OptionSpec.builder("--group-by").type(RowGroup.class).paramLabel("WHAT").description(GROUP_BY).build());
    }

    /** The options a command built by {@link #addTo} was given. */
    static OutputOptions from(ParseResult parsed) {
        OutputOptions options = new OutputOptions();
        options.json = parsed.matchedOptionValue("--json", false);
        options.csv = parsed.matchedOptionValue("--csv", false);
        options.noHeader = parsed.matchedOptionValue("--no-header", false);
        options.numeric = parsed.matchedOptionValue("--numeric", false);
        options.sort = parsed.matchedOptionValue("--sort", null);
        options.groupBy = parsed.matchedOptionValue("--group-by", null);
        return options;
    }

    void check() {
        if (json && csv) {
            throw new UsageException("--json and --csv cannot be used together");
        }
    }
}
