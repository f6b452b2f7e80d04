package dev.portscope.analysis.who;

import dev.portscope.query.PortTarget;
import java.util.List;

/** Everything that involves one port, grouped by role (listeners first). */
public record PortReport(PortTarget target, List<Holding> holdings) {

    public PortReport {
        holdings = List.copyOf(holdings);
    }

    /** True when something on this machine holds the port (connections to a peer's port do not). */
    public boolean held() {
        return holdings.stream().anyMatch(h -> h.role().holdsPort());
    }

    public List<Holding> inRole(HoldingRole role) {
        return holdings.stream().filter(h -> h.role() == role).toList();
    }
}
