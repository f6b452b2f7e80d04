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
        return holdings.stream().anyMatch(h -> h.role().holdsPort() && h.certain());
    }

    /**
     * True when nothing certainly holds the port but a socket may: an IPv6 wildcard whose
     * {@code IPV6_V6ONLY} flag was not reported, asked about an IPv4 address.
     */
    public boolean maybeHeld() {
        return !held() && holdings.stream().anyMatch(h -> h.role().holdsPort());
    }

    public List<Holding> inRole(HoldingRole role) {
        return holdings.stream().filter(h -> h.role() == role).toList();
    }
}
