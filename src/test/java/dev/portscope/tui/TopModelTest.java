package dev.portscope.tui;

import static dev.portscope.tui.ScriptedRefreshes.locals;
import static dev.portscope.tui.ScriptedRefreshes.process;
import static dev.portscope.tui.ScriptedRefreshes.rtt;
import static dev.portscope.tui.ScriptedRefreshes.sighting;
import static dev.portscope.tui.ScriptedRefreshes.socket;
import static dev.portscope.tui.ScriptedRefreshes.tcp;
import static dev.portscope.tui.ScriptedRefreshes.udp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.engine.Sighting;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketState;
import dev.portscope.services.ServiceTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The view model of top, fed with refreshes as the engine makes them: no terminal involved. */
class TopModelTest {

    private static final ProcessInfo NGINX = process(300, "nginx", "www");
    private static final ProcessInfo CURL = process(20, "curl", "alice");
    private static final ProcessInfo REDIS = process(1000, "redis-server", "redis");

    private final ScriptedRefreshes engine = new ScriptedRefreshes(3);
    private final TopModel model = new TopModel(true, TopScope.ALL, ServiceTable.embedded());

    /** Three sockets that differ in every column, each column ordering them differently from the kernel's order. */
    private static List<Sighting> varied() {
        return List.of(
                sighting(socket(Protocol.TCP, 1, "10.0.0.2:100", "10.0.0.9:5", SocketState.ESTABLISHED, 7, 0, rtt(900, 2)), NGINX),
                sighting(socket(Protocol.UDP, 2, "10.0.0.1:9", "0.0.0.0:0", SocketState.CLOSE, 0, 300, null), REDIS),
                sighting(socket(Protocol.TCP, 3, "[::1]:10", "[::1]:7", SocketState.CLOSE_WAIT, 50, 20, rtt(15, 0)), CURL));
    }

    @ParameterizedTest
    @EnumSource(TopColumn.class)
    void sortsByEachColumnByItsValueAndReversesOnRequest(TopColumn column) {
        model.update(engine.next(varied().toArray(Sighting[]::new)));
        model.sortBy(column);
        assertThat(model.descending()).isEqualTo(column.descendingFirst());
        assertThat(sightings()).isSortedAccordingTo(column.order(column.descendingFirst()));
        model.reverseSort();
        assertThat(sightings()).isSortedAccordingTo(column.order(!column.descendingFirst()));
    }

    @Test
    void sortsNumbersAsNumbersAndAddressesByTheirBytes() {
        model.update(engine.next(varied().toArray(Sighting[]::new)));
        model.sortBy(TopColumn.LOCAL);
        assertThat(locals(model)).containsExactly("10.0.0.1:9", "10.0.0.2:100", "0:0:0:0:0:0:0:1:10");
        model.sortBy(TopColumn.PID);
        assertThat(pids()).containsExactly(20, 300, 1000); // not "1000" < "20" < "300"
        model.sortBy(TopColumn.RECV_Q);
        assertThat(locals(model)).first().isEqualTo("0:0:0:0:0:0:0:1:10"); // largest queue first
        model.sortBy(TopColumn.RTT);
        assertThat(locals(model)).containsExactly("10.0.0.2:100", "0:0:0:0:0:0:0:1:10", "10.0.0.1:9"); // no RTT (UDP): last
        model.sortBy(TopColumn.PROCESS);
        assertThat(pids()).containsExactly(20, 300, 1000);
    }

    @Test
    void movingTheSortColumnWrapsAroundTheColumnsShown() {
        model.update(engine.next(varied().toArray(Sighting[]::new)));
        assertThat(model.sortColumn()).isEqualTo(TopColumn.LOCAL);
        model.moveSort(1);
        assertThat(model.sortColumn()).isEqualTo(TopColumn.REMOTE);
        model.moveSort(-1);
        model.moveSort(-1);
        model.moveSort(-1);
        assertThat(model.sortColumn()).isEqualTo(TopColumn.PROTO);
        model.moveSort(-1);
        assertThat(model.sortColumn()).isEqualTo(TopColumn.USER);
        var plain = new TopModel(false, TopScope.ALL, ServiceTable.embedded());
        assertThat(plain.columns()).doesNotContain(TopColumn.RTT, TopColumn.RETRANS);
    }

    @Test
    void filtersInTheListingsLanguageAndKeepsTheFilterWhenANewOneCannotBeRead() {
        model.update(engine.next(varied().toArray(Sighting[]::new)));
        assertThat(model.filter("sport = :100 or sport = :9")).isEmpty();
        assertThat(locals(model)).containsExactlyInAnyOrder("10.0.0.2:100", "10.0.0.1:9");
        assertThat(model.filterText()).isEqualTo("sport = :100 or sport = :9");
        assertThat(model.summary().countsText()).isEqualTo("TCP 1: ESTAB 1  UDP 1: UNCONN 1");

        var error = model.filter("dport = ");
        assertThat(error).hasValueSatisfying(e -> assertThat(e).startsWith("filter:1:").doesNotContain("\n").doesNotContain("Exception"));
        assertThat(locals(model)).hasSize(2);
        assertThat(model.filterText()).isEqualTo("sport = :100 or sport = :9");

        assertThat(model.filter("state close-wait")).isEmpty();
        assertThat(locals(model)).containsExactly("0:0:0:0:0:0:0:1:10");
        assertThat(model.filter("  ")).isEmpty();
        assertThat(model.rowCount()).isEqualTo(3);
    }

    @Test
    void scopeCyclesThroughListenersAndConnections() {
        model.update(engine.next(tcp(1, "0.0.0.0:80", "0.0.0.0:0", SocketState.LISTEN, NGINX),
                tcp(2, "10.0.0.1:80", "10.0.0.5:4000", SocketState.ESTABLISHED, NGINX),
                udp(3, "0.0.0.0:53", "0.0.0.0:0", SocketState.CLOSE)));
        assertThat(model.rowCount()).isEqualTo(3);
        model.cycleScope();
        assertThat(model.scope()).isEqualTo(TopScope.LISTENERS);
        assertThat(locals(model)).containsExactly("0.0.0.0:53", "0.0.0.0:80");
        model.cycleScope();
        assertThat(locals(model)).containsExactly("10.0.0.1:80");
        model.cycleScope();
        assertThat(model.scope()).isEqualTo(TopScope.ALL);
    }

    @Test
    void groupsByProcessAndByRemoteHostUnderTitlesInTheOrderOfTheSort() {
        model.update(engine.next(tcp(1, "10.0.0.1:80", "10.0.0.5:4000", SocketState.ESTABLISHED, NGINX),
                tcp(2, "10.0.0.1:6379", "10.0.0.5:4001", SocketState.ESTABLISHED, REDIS),
                tcp(3, "10.0.0.1:81", "10.0.0.7:4002", SocketState.ESTABLISHED, NGINX),
                tcp(4, "10.0.0.1:5000", "10.0.0.7:4003", SocketState.TIME_WAIT)));
        model.cycleGrouping();
        assertThat(model.grouping()).isEqualTo(TopGrouping.PROCESS);
        assertThat(titles()).containsExactly("nginx (pid 300, user www) (2)", "no known process (1)", "redis-server (pid 1000, user redis) (1)");
        assertThat(model.lines().get(1)).isInstanceOf(TopLine.Row.class);
        model.cycleGrouping();
        assertThat(titles()).containsExactly("10.0.0.5 (2)", "10.0.0.7 (2)");
        model.sortBy(TopColumn.REMOTE);
        model.reverseSort();
        assertThat(titles()).containsExactly("10.0.0.7 (2)", "10.0.0.5 (2)");
        model.cycleGrouping();
        assertThat(titles()).isEmpty();
    }

    @Test
    void newRowsAreMarkedForTwoRefreshesAndChangedCellsToo() {
        Sighting listener = tcp(1, "0.0.0.0:80", "0.0.0.0:0", SocketState.LISTEN, NGINX);
        model.update(engine.next(listener));
        assertThat(marks()).containsExactly(TopRow.Mark.NONE); // the first refresh: everything is there, nothing is new

        Sighting accepted = tcp(2, "10.0.0.1:80", "10.0.0.5:4000", SocketState.ESTABLISHED, NGINX);
        model.update(engine.next(listener, accepted));
        assertThat(row(2).mark()).isEqualTo(TopRow.Mark.NEW);
        assertThat(model.summary().changesText()).isEqualTo("+1 opened  -0 closed  ~0 changed");

        Sighting closing = sighting(socket(Protocol.TCP, 2, "10.0.0.1:80", "10.0.0.5:4000", SocketState.CLOSE_WAIT, 1, 0, null), NGINX);
        model.update(engine.next(listener, closing));
        assertThat(row(2).mark()).isEqualTo(TopRow.Mark.NEW);
        assertThat(row(2).changed()).containsExactlyInAnyOrder(TopColumn.STATE, TopColumn.RECV_Q);
        assertThat(model.summary().changesText()).isEqualTo("+0 opened  -0 closed  ~1 changed");

        model.update(engine.next(listener, closing));
        assertThat(row(2).mark()).isEqualTo(TopRow.Mark.NONE);
        assertThat(row(2).changed()).containsExactlyInAnyOrder(TopColumn.STATE, TopColumn.RECV_Q);

        model.update(engine.next(listener, closing));
        assertThat(row(2).changed()).isEmpty();
        assertThat(row(1).changed()).isEmpty();
    }

    @Test
    void closedRowsStayDimmedWhileTheEngineKeepsThemThenGo() {
        Sighting listener = tcp(1, "0.0.0.0:80", "0.0.0.0:0", SocketState.LISTEN, NGINX);
        Sighting accepted = tcp(2, "10.0.0.1:80", "10.0.0.5:4000", SocketState.ESTABLISHED, NGINX);
        model.update(engine.next(listener, accepted));
        model.update(engine.next(listener));
        assertThat(row(2).mark()).isEqualTo(TopRow.Mark.CLOSED);
        assertThat(row(2).sighting().owners()).containsExactly(NGINX); // as last seen
        assertThat(model.summary().changesText()).isEqualTo("+0 opened  -1 closed  ~0 changed");
        assertThat(model.summary().countsText()).isEqualTo("TCP 1: LISTEN 1  UDP 0"); // counts are of live sockets
        model.update(engine.next(listener));
        model.update(engine.next(listener));
        assertThat(row(2).mark()).isEqualTo(TopRow.Mark.CLOSED);
        model.update(engine.next(listener));
        assertThat(model.rowCount()).isEqualTo(1);
        assertThat(locals(model)).containsExactly("0.0.0.0:80");
    }

    @Test
    void closedRowsFollowTheFilterAndTheScope() {
        Sighting listener = tcp(1, "0.0.0.0:80", "0.0.0.0:0", SocketState.LISTEN, NGINX);
        model.update(engine.next(listener, tcp(2, "10.0.0.1:80", "10.0.0.5:4000", SocketState.ESTABLISHED, NGINX)));
        model.update(engine.next(listener));
        model.filter("dport = :4000");
        assertThat(marks()).containsExactly(TopRow.Mark.CLOSED);
        model.cycleScope(); // listeners
        assertThat(model.rowCount()).isZero();
    }

    @Test
    void theSelectionStaysOnItsSocketWhileRowsComeAndGoAroundIt() {
        Sighting a = tcp(1, "10.0.0.1:1000", "10.0.0.5:1", SocketState.ESTABLISHED);
        Sighting b = tcp(2, "10.0.0.1:2000", "10.0.0.5:2", SocketState.ESTABLISHED);
        Sighting c = tcp(3, "10.0.0.1:3000", "10.0.0.5:3", SocketState.ESTABLISHED);
        model.update(engine.next(a, b, c));
        model.moveSelection(1);
        assertThat(selectedCookie()).isEqualTo(2);

        Sighting early = tcp(4, "10.0.0.1:500", "10.0.0.5:4", SocketState.ESTABLISHED);
        model.update(engine.next(early, a, b, c));
        assertThat(selectedCookie()).isEqualTo(2);
        assertThat(model.selectedLine()).isEqualTo(2);

        model.sortBy(TopColumn.LOCAL);
        model.reverseSort();
        assertThat(selectedCookie()).isEqualTo(2);

        model.update(engine.next(early, c)); // b closed: it stays, dimmed, and selected
        assertThat(selectedCookie()).isEqualTo(2);
        assertThat(model.selectedRow().orElseThrow().mark()).isEqualTo(TopRow.Mark.CLOSED);
        for (int i = 0; i < 3; i++) {
            model.update(engine.next(early, c));
        }
        // gone: the selection is on the row now where it was
        assertThat(locals(model)).containsExactly("10.0.0.1:3000", "10.0.0.1:500");
        assertThat(selectedCookie()).isEqualTo(4);
    }

    @Test
    void theSelectionMovesOverRowsOnlyAndStopsAtEitherEnd() {
        model.update(engine.next(tcp(1, "10.0.0.1:1", "10.0.0.5:1", SocketState.ESTABLISHED, NGINX),
                tcp(2, "10.0.0.1:2", "10.0.0.5:2", SocketState.ESTABLISHED, REDIS)));
        model.cycleGrouping();
        assertThat(model.selectedLine()).isEqualTo(1); // the first row, under its title
        model.moveSelection(1);
        assertThat(model.selectedLine()).isEqualTo(3); // over the second title
        model.moveSelection(5);
        assertThat(model.selectedLine()).isEqualTo(3);
        model.selectFirst();
        assertThat(model.selectedLine()).isEqualTo(1);
        model.moveSelection(-1);
        assertThat(model.selectedLine()).isEqualTo(1);
        model.filter("sport = :9");
        assertThat(model.selectedRow()).isEmpty();
        assertThat(model.selectedLine()).isEqualTo(-1);
        model.moveSelection(1); // nothing to move over
    }

    @Test
    void theSummaryCountsSocketsPerProtocolAndStateInTheKernelsOrder() {
        model.update(engine.next(tcp(1, "0.0.0.0:80", "0.0.0.0:0", SocketState.LISTEN),
                tcp(2, "10.0.0.1:80", "10.0.0.5:1", SocketState.ESTABLISHED),
                tcp(3, "10.0.0.1:80", "10.0.0.5:2", SocketState.ESTABLISHED),
                tcp(4, "10.0.0.1:80", "10.0.0.5:3", SocketState.TIME_WAIT),
                udp(5, "0.0.0.0:53", "0.0.0.0:0", SocketState.CLOSE)));
        assertThat(model.summary().countsText()).isEqualTo("TCP 4: ESTAB 2, TIME-WAIT 1, LISTEN 1  UDP 1: UNCONN 1");
        assertThat(model.summary().tcp()).isEqualTo(Map.of(SocketState.ESTABLISHED, 2, SocketState.TIME_WAIT, 1, SocketState.LISTEN, 1));
    }

    private List<Sighting> sightings() {
        return model.lines().stream().filter(l -> l instanceof TopLine.Row).map(l -> ((TopLine.Row) l).row().sighting()).toList();
    }

    private List<Integer> pids() {
        return sightings().stream().map(s -> s.owners().getFirst().pid()).toList();
    }

    private List<String> titles() {
        List<String> titles = new ArrayList<>();
        for (TopLine line : model.lines()) {
            if (line instanceof TopLine.Title t) {
                titles.add(t.text() + " (" + t.rows() + ")");
            }
        }
        return titles;
    }

    private List<TopRow.Mark> marks() {
        return model.lines().stream().filter(l -> l instanceof TopLine.Row).map(l -> ((TopLine.Row) l).row().mark()).toList();
    }

    private TopRow row(long cookie) {
        return model.lines().stream().filter(l -> l instanceof TopLine.Row).map(l -> ((TopLine.Row) l).row())
                .filter(r -> r.identity().cookie() == cookie).findFirst().orElseThrow();
    }

    private long selectedCookie() {
        return model.selectedRow().orElseThrow().identity().cookie();
    }
}
