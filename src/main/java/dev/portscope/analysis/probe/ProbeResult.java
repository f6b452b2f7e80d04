package dev.portscope.analysis.probe;

import dev.portscope.services.Service;
import java.util.Optional;

/**
 * One probed port.
 *
 * @param target    the listener and its processes
 * @param service   the service its number is registered to, if any
 * @param detection what it was found to speak
 * @param fit       how that fits the port's registered service
 */
public record ProbeResult(ProbeTarget target, Optional<Service> service, Detection detection, PortFit fit) {

    public ProbeResult {
        java.util.Objects.requireNonNull(fit, "fit");
    }

    /** The protocol contradicts the port's registered service ({@code ssh expected on 22, got http}), in words. */
    public Optional<String> mismatch() {
        return fit.kind() == PortFit.Kind.MISMATCH ? Optional.of(fit.words()) : Optional.empty();
    }

    /** A known service on a port not registered to it ({@code ssh on 2222, not its usual port 22}), in words. */
    public Optional<String> note() {
        return fit.kind() == PortFit.Kind.NON_STANDARD_PORT ? Optional.of(fit.words()) : Optional.empty();
    }
}
