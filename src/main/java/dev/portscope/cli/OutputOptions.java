package dev.portscope.cli;

import picocli.CommandLine.Option;

/** How results are written: a table, JSON or CSV. */
public final class OutputOptions {

    @Option(names = "--json", description = "Write JSON (layout documented in the README).")
    boolean json;

    @Option(names = "--csv", description = "Write CSV with the table's columns.")
    boolean csv;

    @Option(names = "--no-header", description = "Leave out the header line of tables and CSV.")
    boolean noHeader;

    @Option(names = {"-n", "--numeric"}, description = "Numbers only: no service names, uids instead of user names.")
    boolean numeric;

    @Option(names = "--sort", paramLabel = "KEY", description = "Order rows by ${COMPLETION-CANDIDATES} (connections otherwise keep the kernel's order).")
    RowOrder sort;

    @Option(names = "--group-by", paramLabel = "WHAT", description = "Write rows in groups, each under a title: ${COMPLETION-CANDIDATES}.")
    RowGroup groupBy;

    void check() {
        if (json && csv) {
            throw new UsageException("--json and --csv cannot be used together");
        }
    }
}
