package dev.portscope.analysis.audit;

import dev.portscope.model.PortRange;

import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;

/**
 * Ports of one protocol, or of both.
 *
 * @param ports    the ports
 * @param protocol TCP or UDP; null for both
 */
public record PortMatch(PortRange ports, Protocol protocol) {

    public PortMatch {
        java.util.Objects.requireNonNull(ports, "ports");
    }

    public boolean matches(Socket socket) {
        return (protocol == null || protocol == socket.protocol()) && ports.contains(socket.local().port());
    }

    /** {@code 22/tcp}, {@code 8000-8099}. */
    @Override
    public String toString() {
        return ports + (protocol == null ? "" : "/" + protocol.label());
    }
}
