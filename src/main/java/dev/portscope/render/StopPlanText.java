package dev.portscope.render;

import dev.portscope.analysis.kill.StopAction;
import dev.portscope.analysis.kill.StopOutcome;
import dev.portscope.analysis.kill.StopPlan;
import dev.portscope.analysis.kill.StopTarget;
import dev.portscope.model.ProcessInfo;
import java.io.PrintWriter;

/** The plan of {@code portscope kill}, and what came of it, for people. */
public final class StopPlanText {

    private StopPlanText() {}

    public static void plan(PrintWriter out, StopPlan plan, String port) {
        boolean any = false;
        for (StopTarget t : plan.targets()) {
            if (t.action() == StopAction.REFUSE) {
                continue;
            }
            if (!any) {
                out.println("Will stop, to free port " + port + ":");
                any = true;
            }
            String how = t.action() == StopAction.STOP_SERVICE ? "systemctl stop " + t.origin().systemdUnit() : "SIGTERM";
            out.println("  " + describe(t.process()) + "  -> " + ForeignText.visible(how));
        }
        for (StopTarget t : plan.targets()) {
            if (t.action() == StopAction.REFUSE) {
                out.println("Refusing " + describe(t.process()) + ": " + ForeignText.visible(t.reason()));
            }
        }
        if (!plan.complete() && plan.targets().isEmpty()) {
            out.println("The processes holding port " + port + " are hidden from you (see the warning on standard error for why).");
        } else if (!plan.complete()) {
            out.println("Other processes may hold port " + port + " too, unseen" + (plan.hasWork() ? ": stopping these may leave it held" : "")
                    + " (some processes could not be read: see the warning on standard error).");
        }
        if (!plan.clientsLeftAlone().isEmpty()) {
            out.println("Leaving alone " + plan.clientsLeftAlone().size()
                    + " client socket(s) that use the port as their own ephemeral port; they free it when they close.");
        }
        out.flush();
    }

    public static void outcome(PrintWriter out, ProcessInfo p, StopOutcome outcome) {
        out.println("  pid " + p.pid() + " (" + ForeignText.visible(p.name()) + "): " + ForeignText.visible(outcome.description()));
        out.flush();
    }

    static String describe(ProcessInfo p) {
        String command = p.commandLine().isEmpty() ? "[" + ForeignText.visible(p.name()) + "]" : CommandLineText.of(p.commandLine());
        return "pid " + p.pid() + " " + ForeignText.visible(p.name()) + " (user " + ForeignText.visible(p.user()) + "): " + command;
    }
}
