package dev.portscope.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.analysis.kill.StopAction;
import dev.portscope.analysis.kill.StopPlan;
import dev.portscope.analysis.kill.StopTarget;
import dev.portscope.analysis.who.PortReport;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.query.PortTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code kill} says about holders it could not see. */
class StopPlanTextTest {

    private static final PortReport REPORT = new PortReport(new PortTarget(8080, Optional.empty(), Optional.empty()), List.of());
    private static final ProcessInfo SERVER = new ProcessInfo(900, 1, "server", List.of("/bin/server"), 65534, "nobody", Instant.EPOCH);

    private static String text(List<StopTarget> targets, boolean complete) {
        StringWriter out = new StringWriter();
        StopPlanText.plan(new PrintWriter(out), new StopPlan(REPORT, targets, List.of(), complete), "8080");
        return out.toString();
    }

    @Test
    void aCompletePlanSaysNothingOfHiddenHolders() {
        assertThat(text(List.of(new StopTarget(SERVER, ProcessOrigin.NONE, StopAction.SIGNAL, null)), true))
                .isEqualTo("Will stop, to free port 8080:\n  pid 900 server (user nobody): /bin/server  -> SIGTERM\n");
    }

    @Test
    void aPartialPlanSaysThePortMayStayHeld() {
        assertThat(text(List.of(new StopTarget(SERVER, ProcessOrigin.NONE, StopAction.SIGNAL, null)), false))
                .endsWith("Other processes may hold port 8080 too, unseen: stopping these may leave it held"
                        + " (some processes could not be read: see the warning on standard error).\n");
        assertThat(text(List.of(new StopTarget(SERVER, ProcessOrigin.NONE, StopAction.REFUSE, "a reason")), false))
                .endsWith("Other processes may hold port 8080 too, unseen (some processes could not be read: see the warning on standard error).\n");
    }

    @Test
    void whenEveryHolderIsHiddenItSaysSo() {
        assertThat(text(List.of(), false)).isEqualTo("The processes holding port 8080 are hidden from you (see the warning on standard error for why).\n");
    }
}
