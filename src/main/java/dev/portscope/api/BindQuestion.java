package dev.portscope.api;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A bind a service would make, as the user running this program: the question
 * {@link PortScope#why(BindQuestion)} and {@link PortScope#isFree(BindQuestion)} answer.
 *
 * {@snippet :
 * BindQuestion web = BindQuestion.tcp(8080);                               // 0.0.0.0:8080
 * BindQuestion dns = BindQuestion.udp(5353).on(InetAddress.getLoopbackAddress());
 * BindQuestion shared = BindQuestion.tcp(9000).withReuseAddress().withReusePort();
 * }
 *
 * @param transport    TCP or UDP
 * @param address      the local address; a wildcard ({@code 0.0.0.0}, {@code ::}) for every address
 * @param port         1 to 65535
 * @param reuseAddress whether the service sets {@code SO_REUSEADDR}
 * @param reusePort    whether the service sets {@code SO_REUSEPORT}
 * @param v6Only       for an IPv6 address, whether the service sets {@code IPV6_V6ONLY}; empty for the
 *                     kernel's default ({@code net.ipv6.bindv6only})
 */
public record BindQuestion(Transport transport, InetAddress address, int port, boolean reuseAddress, boolean reusePort,
        Optional<Boolean> v6Only) {

    public BindQuestion {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(v6Only, "v6Only");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
    }

    /** A TCP bind of {@code port} on every IPv4 address, without socket options. */
    public static BindQuestion tcp(int port) {
        return new BindQuestion(Transport.TCP, Wildcards.IPV4, port, false, false, Optional.empty());
    }

    /** A UDP bind of {@code port} on every IPv4 address, without socket options. */
    public static BindQuestion udp(int port) {
        return new BindQuestion(Transport.UDP, Wildcards.IPV4, port, false, false, Optional.empty());
    }

    /** This bind on another address. */
    public BindQuestion on(InetAddress other) {
        return new BindQuestion(transport, other, port, reuseAddress, reusePort, v6Only);
    }

    /** This bind of another port. */
    public BindQuestion port(int other) {
        return new BindQuestion(transport, address, other, reuseAddress, reusePort, v6Only);
    }

    /** This bind with {@code SO_REUSEADDR}. */
    public BindQuestion withReuseAddress() {
        return new BindQuestion(transport, address, port, true, reusePort, v6Only);
    }

    /** This bind with {@code SO_REUSEPORT}. */
    public BindQuestion withReusePort() {
        return new BindQuestion(transport, address, port, reuseAddress, true, v6Only);
    }

    /** This bind with {@code IPV6_V6ONLY} set or cleared (for an IPv6 address). */
    public BindQuestion withV6Only(boolean only) {
        return new BindQuestion(transport, address, port, reuseAddress, reusePort, Optional.of(only));
    }
}
