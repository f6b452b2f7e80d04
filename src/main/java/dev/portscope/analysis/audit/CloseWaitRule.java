package dev.portscope.analysis.audit;

import dev.portscope.analysis.CloseWaitPileUps;
import dev.portscope.analysis.CloseWaitPileUps.Holder;
import dev.portscope.analysis.CloseWaitPileUps.PileUp;
import dev.portscope.model.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections stuck in CLOSE_WAIT: the peer closed, the program never did. Each one holds a
 * descriptor and kernel memory until the process exits; it is a leak in the program. Judged by
 * {@link CloseWaitPileUps}, as {@code health} judges it; ten times the threshold is critical.
 */
public record CloseWaitRule(RuleInfo info) implements AuditRule {

    @Override
    public List<Finding> check(Snapshot snapshot, Thresholds thresholds) {
        int limit = thresholds.closeWaitPerProcess();
        List<Finding> found = new ArrayList<>();
        for (PileUp pileUp : CloseWaitPileUps.find(snapshot, limit)) {
            String count = pileUp.count() + " connections in CLOSE_WAIT";
            String threshold = " (threshold " + limit + ")";
            Finding finding = switch (pileUp.holder()) {
                case Holder.Process(var p) -> new Finding(info, pileUp.sockets().getFirst(), List.of(p),
                        "pid " + p.pid() + " (" + p.name() + ") has " + count + threshold);
                case Holder.Hidden() -> new Finding(info, pileUp.sockets().getFirst(), List.of(),
                        count + " held by processes portscope cannot read" + threshold);
                case Holder.NeverAccepted() -> new Finding(info, pileUp.sockets().getFirst(), List.of(),
                        count + " never accepted by a listener" + threshold);
            };
            found.add(pileUp.critical() ? finding.withSeverity(Severity.CRITICAL) : finding);
        }
        return found;
    }
}
