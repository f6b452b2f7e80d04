package dev.portscope.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How top's columns give way on narrow terminals. */
class ColumnFitTest {

    private static final List<TopColumn> COLUMNS = TopColumn.shown(true);
    // PROTO STATE LOCAL REMOTE RECV-Q SEND-Q RTT-MS RETRANS PID PROCESS USER
    private static final int[] NATURAL = {5, 10, 21, 21, 6, 6, 6, 7, 5, 15, 8};

    @Test
    void everythingStaysWhenItFits() {
        assertThat(ColumnFit.fit(COLUMNS, NATURAL, 200)).containsExactly(NATURAL);
        assertThat(ColumnFit.total(NATURAL)).isEqualTo(110 + 10);
    }

    @Test
    void namesShrinkFirstThenTheWiderAddressThenColumnsGoInOrder() {
        int[] at100 = ColumnFit.fit(COLUMNS, NATURAL, 100);
        assertThat(at100).containsExactly(5, 10, 17, 17, 6, 6, 6, 7, 5, 7, 4);
        assertThat(ColumnFit.total(at100)).isEqualTo(100);

        int[] at80 = ColumnFit.fit(COLUMNS, NATURAL, 80);
        assertThat(ColumnFit.total(at80)).isLessThanOrEqualTo(80);
        assertThat(at80[COLUMNS.indexOf(TopColumn.USER)]).isZero();
        assertThat(at80[COLUMNS.indexOf(TopColumn.RETRANS)]).isZero();
        assertThat(at80[COLUMNS.indexOf(TopColumn.PROCESS)]).isEqualTo(7);
        assertThat(at80[COLUMNS.indexOf(TopColumn.LOCAL)]).isEqualTo(13);

        int[] at30 = ColumnFit.fit(COLUMNS, NATURAL, 30);
        assertThat(at30[COLUMNS.indexOf(TopColumn.STATE)]).isPositive();
        assertThat(at30[COLUMNS.indexOf(TopColumn.LOCAL)]).isPositive();
    }

    @Test
    void addressesAreCutFromTheLeftAndNamesFromTheRight() {
        assertThat(ColumnFit.cut(TopColumn.LOCAL, "192.168.100.200:8080", 13, "…")).isEqualTo("…100.200:8080");
        assertThat(ColumnFit.cut(TopColumn.PROCESS, "postgres-checkpointer", 7, "…")).isEqualTo("postgr…");
        assertThat(ColumnFit.cut(TopColumn.PROCESS, "redis", 7, "…")).isEqualTo("redis");
    }
}
