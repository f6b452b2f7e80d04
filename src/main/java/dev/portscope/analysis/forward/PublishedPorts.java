package dev.portscope.analysis.forward;

import dev.portscope.model.AddressText;
import dev.portscope.model.PortForward;
import dev.portscope.query.PortTarget;
import java.util.List;

/** Which NAT forwards concern a port asked about. */
public final class PublishedPorts {

    private PublishedPorts() {}

    /**
     * The forwards of {@code target}'s port and protocol; when it names an address, those limited to
     * another single address are left out (a prefix is kept: the rule may take it).
     */
    public static List<PortForward> matching(List<PortForward> forwards, PortTarget target) {
        return forwards.stream()
                .filter(f -> f.port() == target.port())
                .filter(f -> target.protocol().map(p -> p == f.protocol()).orElse(true))
                .filter(f -> target.address().isEmpty() || target.address().get().isAnyLocalAddress() || f.destination() == null
                        || f.destination().contains("/") || f.destination().equals(AddressText.of(target.address().get())))
                .toList();
    }

    /**
     * What NAT rules publishing a port mean for a bind on it, as the kernel behaves: {@code bind(2)}
     * does not consult netfilter, so the bind succeeds; but a DNAT rule rewrites the destination of
     * the packets it matches before they are delivered ({@code PREROUTING} for packets from other
     * machines, {@code OUTPUT} for this machine's own), so the connections it takes go to its target,
     * never to the new socket. Null when no rule publishes the port.
     */
    public static String bindCaution(List<PortForward> published) {
        if (published.isEmpty()) {
            return null;
        }
        String targets = String.join(", ", published.stream()
                .map(f -> (f.destination() == null ? "" : f.destination() + " ") + "to " + f.targetText() + " (" + f.by() + ")")
                .distinct().limit(5).toList());
        return "NAT rules publish this port (" + targets + "): they do not stop a bind, but the connections they match "
                + "are sent to their target before any socket here sees them, so a service bound here gets only the rest "
                + "(Docker's rules leave loopback to the host)";
    }
}
