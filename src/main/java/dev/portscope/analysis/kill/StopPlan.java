package dev.portscope.analysis.kill;

import dev.portscope.analysis.who.Holding;
import dev.portscope.analysis.who.PortReport;
import java.util.List;

/**
 * What {@code kill PORT} would do: the server processes holding the port, each with its action,
 * and the client sockets it leaves alone (they free their ephemeral port when they close).
 *
 * @param complete false when some process could not be read (not root): it may hold the port too,
 *                 unseen, so stopping the targets may leave the port held
 */
public record StopPlan(PortReport report, List<StopTarget> targets, List<Holding> clientsLeftAlone, boolean complete) {

    public StopPlan {
        targets = List.copyOf(targets);
        clientsLeftAlone = List.copyOf(clientsLeftAlone);
    }

    public boolean hasWork() {
        return targets.stream().anyMatch(t -> t.action() != StopAction.REFUSE);
    }
}
