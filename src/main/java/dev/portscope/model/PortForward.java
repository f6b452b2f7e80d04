package dev.portscope.model;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A host port whose traffic goes on to another address: a forwarding process ({@code docker-proxy})
 * or a destination NAT rule (a port published without a process on the host).
 *
 * @param protocol    TCP or UDP
 * @param destination the host address the forward is limited to ({@code 127.0.0.1}, a prefix as
 *                    {@code 10.0.0.0/8}), null for every local address
 * @param port        the host port
 * @param target      where the traffic goes (a container's address)
 * @param targetPort  the port there (the first of a range the rule picks from); 0 when unchanged
 * @param by          what forwards it, for people: {@code docker-proxy (pid 812)},
 *                    {@code iptables-nft nat DOCKER}, {@code nftables ip docker-bridges port-dnat}
 */
public record PortForward(Protocol protocol, String destination, int port, InetAddress target, int targetPort, String by) {

    public PortForward {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(by, "by");
        if (port < 1 || port > 65_535 || targetPort < 0 || targetPort > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port + " -> " + targetPort);
        }
    }

    /** The port the traffic arrives at on the target. */
    public int effectiveTargetPort() {
        return targetPort == 0 ? port : targetPort;
    }

    /** {@code 172.17.0.2:80}, {@code [2001:db8::2]:443}. */
    public String targetText() {
        return AddressText.withPort(target, effectiveTargetPort());
    }
}
