package dev.portscope.model;

import java.net.InetAddress;
import java.util.Objects;

/** One end of a socket: an address and a port (0 when unbound or, for a remote end, unconnected). */
public record Endpoint(InetAddress address, int port) {

    public Endpoint {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** True for {@code 0.0.0.0} and {@code ::}: the socket takes every local address. */
    public boolean isWildcard() {
        return address.isAnyLocalAddress();
    }
}
