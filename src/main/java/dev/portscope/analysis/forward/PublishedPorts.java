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
}
