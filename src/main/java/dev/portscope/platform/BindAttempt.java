package dev.portscope.platform;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A bind to try, with the socket options that change the kernel's answer.
 *
 * @param v6Only       {@code IPV6_V6ONLY}, for an IPv6 address
 * @param reuseAddress {@code SO_REUSEADDR}
 * @param reusePort    {@code SO_REUSEPORT}
 */
public record BindAttempt(Protocol protocol, InetAddress address, int port, boolean v6Only, boolean reuseAddress, boolean reusePort) {

    public BindAttempt {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
    }

    public IpFamily family() {
        return address instanceof Inet4Address ? IpFamily.IPV4 : IpFamily.IPV6;
    }
}
