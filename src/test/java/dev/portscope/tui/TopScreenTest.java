package dev.portscope.tui;

import static dev.portscope.tui.ScriptedRefreshes.process;
import static dev.portscope.tui.ScriptedRefreshes.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.engine.Sighting;
import dev.portscope.model.SocketState;
import dev.portscope.render.ListingContext;
import dev.portscope.services.ServiceTable;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** top's screen as lines, at 80×24 and smaller: what fits, how marks look, and that foreign names cannot steer the terminal. */
class TopScreenTest {

    private static final ListingContext CONTEXT = new ListingContext(ServiceTable.embedded(), uid -> "user" + uid, false, true, false);
    private static final TopScreen.Header HEADER = new TopScreen.Header("box", ScriptedRefreshes.START, Duration.ofSeconds(1), true, false);

    private final ScriptedRefreshes engine = new ScriptedRefreshes(3);
    private final TopModel model = new TopModel(false, TopScope.ALL, ServiceTable.embedded());
    private final TopController controller = new TopController(model, null, c -> { });

    private List<AttributedString> draw(int columns, int rows) {
        return new TopScreen(CONTEXT, TopStyle.coloured(), true).lines(controller, HEADER, columns, rows);
    }

    /** The first line of the table (below the header and the column titles) with this text. */
    private static AttributedString lineWith(List<AttributedString> lines, String text) {
        return lines.stream().skip(5).filter(l -> l.toString().contains(text)).findFirst().orElseThrow(() -> new AssertionError(text + " in " + lines));
    }

    @Test
    void fillsEightyByTwentyFourWithEveryColumnOfIpv4Connections() {
        Sighting listener = tcp(1, "0.0.0.0:8080", "0.0.0.0:0", SocketState.LISTEN, process(4242, "python3", "root"));
        Sighting old = tcp(2, "10.10.0.200:8080", "10.10.0.201:54321", SocketState.ESTABLISHED, process(4242, "python3", "root"));
        model.update(engine.next(listener, old));
        Sighting fresh = tcp(3, "10.10.0.200:8080", "10.10.0.202:54322", SocketState.ESTABLISHED, process(4242, "python3", "root"));
        model.update(engine.next(listener, fresh));

        List<AttributedString> lines = draw(80, 24);
        assertThat(lines).hasSize(24).allSatisfy(l -> assertThat(l.columnLength()).isLessThanOrEqualTo(80));
        assertThat(lines.get(0).toString()).startsWith("portscope top  box  12:00:00 UTC  every 1s  short connections caught");
        assertThat(lines.get(2).toString()).startsWith("+1 opened  -1 closed  ~0 changed");
        assertThat(lines.get(4).toString()).contains("PROTO", "STATE", "LOCAL▲", "REMOTE", "RECV-Q", "SEND-Q", "PID", "PROCESS", "USER");
        assertThat(lineWith(lines, "10.10.0.202:54322").toString()).contains("10.10.0.200:8080", "4242", "python3", "root");
        assertThat(lines).noneMatch(l -> l.toString().contains("…"));
        assertThat(lines.get(23).toString()).isEqualTo(TopController.HINTS); // whole, in 80 columns

        assertThat(lineWith(lines, ":54322").toAnsi()).contains("\u001b[32m"); // opened: green
        assertThat(lineWith(lines, ":54321").toAnsi()).contains("\u001b[31;2m"); // closed: dim red
        assertThat(lineWith(lines, "LISTEN").toAnsi()).contains("\u001b[7m"); // the selection: inverse
    }

    @Test
    void changedCellsAreYellow() {
        Sighting before = tcp(1, "10.0.0.1:80", "10.0.0.2:1", SocketState.ESTABLISHED);
        model.update(engine.next(before));
        model.update(engine.next(tcp(1, "10.0.0.1:80", "10.0.0.2:1", SocketState.CLOSE_WAIT)));
        String ansi = lineWith(draw(80, 24), "CLOSE-WAIT").toAnsi();
        assertThat(ansi).contains("33mCLOSE-WAIT");
    }

    @Test
    void narrowScreensCutAddressesFromTheLeftAndLeaveColumnsOut() {
        model.update(engine.next(tcp(1, "[2001:db8:aaaa:bbbb:cccc:dddd:eeee:1]:443", "[2001:db8:aaaa:bbbb:cccc:dddd:eeee:2]:50000",
                SocketState.ESTABLISHED, process(7, "a-rather-long-name", "someone"))));
        List<AttributedString> lines = draw(60, 10);
        assertThat(lines).hasSize(10).allSatisfy(l -> assertThat(l.columnLength()).isLessThanOrEqualTo(60));
        String row = lineWith(lines, "ESTAB").toString();
        assertThat(row).contains("…", "]:443 ", "]:50000 ").doesNotContain("someone");
        assertThat(lines.get(4).toString()).doesNotContain("USER");
    }

    @Test
    void foreignNamesAreEscapedInRowsTitlesAndDetails() {
        model.update(engine.next(tcp(1, "10.0.0.1:80", "10.0.0.2:1", SocketState.ESTABLISHED, process(7, "ev\u001b[7mil\u202e", "u\nx"))));
        model.cycleGrouping();
        List<AttributedString> lines = draw(120, 24);
        assertThat(lines).noneMatch(l -> l.toString().chars().anyMatch(c -> c < 0x20 || c == 0x202e));
        assertThat(lineWith(lines, "ESTAB").toString()).contains("ev\\x1b[7mil\\u{202e}");
        assertThat(lineWith(lines, "(pid 7").toString()).contains("user u\\nx");
        assertThat(model.filter("sport = :80")).isEmpty();
    }

    @Test
    void theSelectionStaysInViewWhenItMovesPastTheScreen() {
        Sighting[] many = new Sighting[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = tcp(i + 1, "10.0.0.1:" + (1000 + i), "10.0.0.2:1", SocketState.ESTABLISHED);
        }
        model.update(engine.next(many));
        TopScreen screen = new TopScreen(CONTEXT, TopStyle.coloured(), true);
        model.moveSelection(30);
        List<AttributedString> lines = screen.lines(controller, HEADER, 80, 24);
        Predicate<AttributedString> selected = l -> l.toAnsi().contains("\u001b[7m") && !l.toString().contains("PROTO");
        assertThat(lines.stream().filter(selected).findFirst().orElseThrow().toString()).contains("10.0.0.1:1030");
        assertThat(lines.get(5).toString()).doesNotContain("10.0.0.1:1000");
    }

    @Test
    void anEmptyTableSaysWhy() {
        model.update(engine.next(tcp(1, "10.0.0.1:80", "10.0.0.2:1", SocketState.ESTABLISHED)));
        model.filter("sport = :9");
        assertThat(draw(80, 24).get(5).toString()).isEqualTo("(no socket matches the filter)");
    }

    @Test
    void withoutColourMarksAreBoldFaintAndUnderlined() {
        model.update(engine.next(tcp(1, "10.0.0.1:80", "10.0.0.2:1", SocketState.ESTABLISHED)));
        model.update(engine.next(tcp(1, "10.0.0.1:80", "10.0.0.2:1", SocketState.CLOSE_WAIT),
                tcp(2, "10.0.0.1:81", "10.0.0.2:2", SocketState.ESTABLISHED)));
        model.moveSelection(5);
        List<AttributedString> lines = new TopScreen(CONTEXT, TopStyle.monochrome(), false).lines(controller, HEADER, 80, 24);
        assertThat(lines).noneMatch(l -> l.toAnsi().matches("(?s).*\u001b\\[[0-9;]*3[0-7]m.*"));
        assertThat(lineWith(lines, "CLOSE-WAIT").toAnsi()).contains("4mCLOSE-WAIT");
        assertThat(lines.get(4).toString()).contains("LOCAL^");
    }

    @Test
    void aScreenLowerThanTheHeaderStillEndsWithTheStatusLine() {
        model.update(engine.next(tcp(1, "10.0.0.1:80", "10.0.0.2:1", SocketState.ESTABLISHED)));
        List<AttributedString> lines = draw(40, 4);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3).toString()).startsWith("q quit");
    }
}
