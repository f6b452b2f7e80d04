package dev.portscope.cli;

import dev.portscope.render.ForeignText;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.AddressText;
import dev.portscope.render.ListingRow;
import java.util.Comparator;
import java.util.function.Function;

/** The groupings {@code --group-by} offers: rows of one group are written together, under a title. */
enum RowGroup {
    PROCESS(row -> row.owners().isEmpty() ? "no known process"
            : row.owners().stream().map(RowGroup::describe).reduce((a, b) -> a + ", " + b).orElseThrow()),
    REMOTE(row -> row.socket().remote().isWildcard() && row.socket().remote().port() == 0
            ? "no peer"
            : AddressText.of(row.socket().remote().address(), row.socket().family())),
    STATE(row -> row.socket().state().displayName(row.socket().protocol()));

    private final Function<ListingRow, String> title;

    RowGroup(Function<ListingRow, String> title) {
        this.title = title;
    }

    String titleOf(ListingRow row) {
        return title.apply(row);
    }

    /** Orders rows by their group's title, so that each group's rows are consecutive. */
    Comparator<ListingRow> comparator() {
        return Comparator.comparing(this::titleOf);
    }

    private static String describe(ProcessInfo p) {
        return ForeignText.visible(p.name()) + " (pid " + p.pid() + ", user " + ForeignText.visible(p.user()) + ")";
    }
}
