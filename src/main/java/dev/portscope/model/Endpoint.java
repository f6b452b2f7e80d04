package dev.portscope.model;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One end of a socket: an address and a port (0 when unbound or, for a remote end, unconnected).
 *
 * @param device for a local end, the interface the socket is bound to ({@code SO_BINDTODEVICE}, or a
 *               link-local address's scope): it takes connections arriving there only; null when none
 *               or unknown, and always for a remote end
 */
public record Endpoint(InetAddress address, int port, NetInterface device) {

    public Endpoint {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** An end bound to no interface. */
    public Endpoint(InetAddress address, int port) {
        this(address, port, null);
    }

    /** True for {@code 0.0.0.0} and {@code ::}: the socket takes every local address. */
    public boolean isWildcard() {
        return address.isAnyLocalAddress();
    }
}
