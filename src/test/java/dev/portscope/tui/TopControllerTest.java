package dev.portscope.tui;

import static dev.portscope.tui.ScriptedRefreshes.process;
import static dev.portscope.tui.ScriptedRefreshes.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.SocketState;
import dev.portscope.services.ServiceTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The keys of top, on a model fed by scripted refreshes and actions that only record what they were asked. */
class TopControllerTest {

    private final ScriptedRefreshes engine = new ScriptedRefreshes(3);
    private final TopModel model = new TopModel(false, TopScope.ALL, ServiceTable.embedded());
    private final List<Callable<RowActions.Done>> ran = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private RowActions.Proposal stopProposal = RowActions.Proposal.refuse("Refusing pid 1 init: pid 1 is the init process");
    private final TopController controller = new TopController(model, new RowActions() {
        @Override
        public List<String> details(TopRow row) {
            return List.of("details of " + row.sighting().socket().local().port(), "second line");
        }

        @Override
        public Proposal proposeClose(TopRow row) {
            asked.add("close " + row.sighting().socket().local().port());
            return Proposal.refuse("closing connections is not available yet");
        }

        @Override
        public Proposal proposeStop(TopRow row) {
            asked.add("stop " + row.sighting().socket().local().port());
            return stopProposal;
        }
    }, ran::add);

    @BeforeEach
    void twoRows() {
        model.update(engine.next(tcp(1, "10.0.0.1:80", "10.0.0.5:1", SocketState.ESTABLISHED, process(10, "nginx", "www")),
                tcp(2, "10.0.0.1:81", "10.0.0.5:2", SocketState.ESTABLISHED, process(11, "nginx", "www"))));
    }

    private void type(String keys) {
        keys.chars().forEach(c -> controller.handle(Key.ch((char) c)));
    }

    @Test
    void aFilterIsTypedAppliedAndShownInTheStatusLine() {
        type("/");
        assertThat(controller.mode()).isEqualTo(TopController.Mode.FILTER);
        type("sport = :81x");
        controller.handle(Key.of(Key.Kind.BACKSPACE));
        assertThat(controller.status().text()).isEqualTo("filter: sport = :81_");
        controller.handle(Key.of(Key.Kind.ENTER));
        assertThat(controller.mode()).isEqualTo(TopController.Mode.BROWSE);
        assertThat(model.rowCount()).isEqualTo(1);
        assertThat(controller.status()).isEqualTo(new TopController.Status("filter: sport = :81", TopController.Status.Kind.INFO));
        type("/"); // starts from the filter in force
        assertThat(controller.status().text()).isEqualTo("filter: sport = :81_");
        controller.handle(Key.of(Key.Kind.ESCAPE));
        assertThat(controller.mode()).isEqualTo(TopController.Mode.BROWSE);
        assertThat(model.filterText()).isEqualTo("sport = :81");
    }

    @Test
    void aBadFilterShowsItsOneLineErrorAndIsOfferedAgainForCorrection() {
        type("/dport = and");
        controller.handle(Key.of(Key.Kind.ENTER));
        TopController.Status status = controller.status();
        assertThat(status.kind()).isEqualTo(TopController.Status.Kind.ERROR);
        assertThat(status.text()).startsWith("filter:1:").contains("expected a port").doesNotContain("\n").doesNotContain("Exception");
        assertThat(model.rowCount()).isEqualTo(2);
        type("/");
        assertThat(controller.status().text()).isEqualTo("filter: dport = and_");
    }

    @Test
    void typedControlCharactersAreShownEscaped() {
        type("/");
        controller.handle(Key.ch('\u009b'));
        assertThat(controller.status().text()).isEqualTo("filter: \\x9b_");
    }

    @Test
    void stoppingAsksFirstAndRunsOnlyOnYes() throws Exception {
        stopProposal = RowActions.Proposal.ask("Stop pid 10 nginx (user www) with SIGTERM?", "refusing pid 1 init: pid 1 is the init process",
                () -> new RowActions.Done("pid 10 nginx: stopped (SIGTERM)", false));
        type("K");
        assertThat(asked).containsExactly("stop 80");
        assertThat(controller.mode()).isEqualTo(TopController.Mode.CONFIRM);
        assertThat(controller.status()).isEqualTo(new TopController.Status("Stop pid 10 nginx (user www) with SIGTERM? [y/N]"
                + " refusing pid 1 init: pid 1 is the init process", TopController.Status.Kind.PROMPT));
        type("n");
        assertThat(ran).isEmpty();
        assertThat(controller.status().text()).isEqualTo("nothing done");
        type("jK");
        assertThat(asked).containsExactly("stop 80", "stop 81");
        type("y");
        assertThat(ran).hasSize(1);
        assertThat(ran.getFirst().call()).isEqualTo(new RowActions.Done("pid 10 nginx: stopped (SIGTERM)", false));
        controller.report("pid 10 nginx: stopped (SIGTERM)", false);
        assertThat(controller.status().text()).isEqualTo("pid 10 nginx: stopped (SIGTERM)");
    }

    @Test
    void aRefusalIsSaidWithoutAQuestion() {
        type("K");
        assertThat(controller.mode()).isEqualTo(TopController.Mode.BROWSE);
        assertThat(controller.status()).isEqualTo(new TopController.Status("Refusing pid 1 init: pid 1 is the init process",
                TopController.Status.Kind.ERROR));
        type("c");
        assertThat(controller.status().text()).isEqualTo("closing connections is not available yet");
        type("j"); // any key clears the message
        assertThat(controller.status().kind()).isEqualTo(TopController.Status.Kind.HINT);
    }

    @Test
    void enterShowsTheSelectedRowsDetailsUntilEscapeOrQ() {
        type("j");
        controller.handle(Key.of(Key.Kind.ENTER));
        assertThat(controller.mode()).isEqualTo(TopController.Mode.DETAILS);
        assertThat(controller.details()).containsExactly("details of 81", "second line");
        type("q");
        assertThat(controller.mode()).isEqualTo(TopController.Mode.BROWSE);
        assertThat(controller.quit()).isFalse(); // q leaves the details, not top
        type("?");
        assertThat(controller.details()).first().isEqualTo("Keys of portscope top");
        controller.handle(Key.of(Key.Kind.ESCAPE));
        assertThat(controller.mode()).isEqualTo(TopController.Mode.BROWSE);
    }

    @Test
    void detailsWrapToTheScreensWidth() {
        controller.screen(10, 5);
        controller.handle(Key.of(Key.Kind.ENTER));
        assertThat(controller.details()).containsExactly("details of", "     80", "second lin", "    e");
    }

    @Test
    void viewKeysReachTheModel() {
        type(">");
        assertThat(model.sortColumn()).isEqualTo(TopColumn.REMOTE);
        type("<<r");
        assertThat(model.sortColumn()).isEqualTo(TopColumn.STATE);
        assertThat(model.descending()).isTrue();
        type("lg");
        assertThat(model.scope()).isEqualTo(TopScope.LISTENERS);
        assertThat(model.grouping()).isEqualTo(TopGrouping.PROCESS);
        type("p");
        assertThat(controller.paused()).isTrue();
        type(" ");
        assertThat(controller.paused()).isFalse();
    }

    @Test
    void qAndCtrlCQuitFromAnyMode() {
        type("/");
        controller.handle(Key.of(Key.Kind.INTERRUPT));
        assertThat(controller.quit()).isTrue();
        TopController other = new TopController(model, null, c -> { });
        other.handle(Key.ch('q'));
        assertThat(other.quit()).isTrue();
    }
}
