package dev.portscope.analysis.audit;

import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import java.util.ArrayList;
import java.util.List;

/** A service that should never be reachable from the network listens beyond loopback. */
public record ExposedServiceRule(RuleInfo info, PortSet ports) implements AuditRule {

    @Override
    public List<Finding> check(Snapshot snapshot, Thresholds thresholds) {
        List<Finding> found = new ArrayList<>();
        for (Socket s : snapshot.sockets()) {
            String service = ports.nameOf(s.protocol(), s.local().port());
            if (service != null && s.isListening() && Listeners.beyondLoopback(s)) {
                var owners = snapshot.ownersOf(s);
                found.add(new Finding(info, s, owners, service + " on " + Listeners.describe(s, owners)));
            }
        }
        return found;
    }
}
