package dev.portscope.analysis.why;

import dev.portscope.model.AddressClaim;
import dev.portscope.model.IpFamily;
import dev.portscope.platform.BindAttempt;
import dev.portscope.model.Protocol;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The bind a new service would make: the question {@code portscope why} answers.
 *
 * @param protocol             TCP or UDP
 * @param address              the local address to bind; a wildcard for every address
 * @param port                 the port
 * @param v6Only               for an IPv6 address, whether the socket sets {@code IPV6_V6ONLY}
 * @param reuseAddress         whether the socket sets {@code SO_REUSEADDR}
 * @param reusePort            whether the socket sets {@code SO_REUSEPORT}
 * @param uid                  the user the service runs as
 * @param user                 that user's name
 * @param mayBindPrivileged    whether that user may bind ports below the unprivileged start (root,
 *                             or {@code CAP_NET_BIND_SERVICE})
 */
public record BindRequest(
        Protocol protocol,
        InetAddress address,
        int port,
        boolean v6Only,
        boolean reuseAddress,
        boolean reusePort,
        int uid,
        String user,
        boolean mayBindPrivileged) {

    public BindRequest {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
    }

    public IpFamily family() {
        return address instanceof Inet4Address ? IpFamily.IPV4 : IpFamily.IPV6;
    }

    /** The bind to try for real, with this request's options. */
    public BindAttempt attempt() {
        return new BindAttempt(protocol, address, port, v6Only, reuseAddress, reusePort);
    }

    AddressClaim claim() {
        return AddressClaim.of(family(), address, v6Only);
    }
}
