package dev.portscope.analysis.probe;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The result of one TCP connect.
 *
 * @param target  address and port tried
 * @param status  open, closed, filtered or error
 * @param latency from the start of the connect to its answer (the timeout when filtered)
 * @param detail  why, for filtered and error ("timed out", the system's message); empty otherwise
 */
public record PortCheck(InetSocketAddress target, PortStatus status, Duration latency, String detail) {

    public PortCheck {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(detail, "detail");
    }

    public int port() {
        return target.getPort();
    }

    public boolean open() {
        return status == PortStatus.OPEN;
    }
}
