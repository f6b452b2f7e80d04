package dev.portscope.platform;

import dev.portscope.model.PortRange;
import java.util.List;

/**
 * The kernel settings that decide who may bind a port and which ports clients are handed.
 *
 * @param unprivilegedPortStart {@code net.ipv4.ip_unprivileged_port_start}: ports below it need
 *                              {@code CAP_NET_BIND_SERVICE}
 * @param ephemeralFirst        first port of {@code net.ipv4.ip_local_port_range}
 * @param ephemeralLast         last port of that range
 * @param reserved              {@code net.ipv4.ip_local_reserved_ports}: never handed to clients
 * @param bindV6Only            {@code net.ipv6.bindv6only}: the default of {@code IPV6_V6ONLY}
 * @param nonLocalBind          {@code net.ipv4.ip_nonlocal_bind}: addresses not on this machine may be bound
 * @param assumed               the settings that could not be read and are the kernel's defaults here
 */
public record PortSettings(
        int unprivilegedPortStart,
        int ephemeralFirst,
        int ephemeralLast,
        List<PortRange> reserved,
        boolean bindV6Only,
        boolean nonLocalBind,
        List<String> assumed) {

    public PortSettings {
        reserved = List.copyOf(reserved);
        assumed = List.copyOf(assumed);
    }

    /** The kernel's defaults, each marked as assumed: for a replay or a system whose settings cannot be read. */
    public static PortSettings assumedDefaults() {
        PortSettings d = DEFAULTS;
        return new PortSettings(d.unprivilegedPortStart(), d.ephemeralFirst(), d.ephemeralLast(), d.reserved(), d.bindV6Only(),
                d.nonLocalBind(), List.of("net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_port_range",
                        "net.ipv4.ip_local_reserved_ports", "net.ipv6.bindv6only", "net.ipv4.ip_nonlocal_bind"));
    }

    public static final PortSettings DEFAULTS = new PortSettings(1024, 32768, 60999, List.of(), false, false, List.of());

    public boolean isEphemeral(int port) {
        return port >= ephemeralFirst && port <= ephemeralLast;
    }

    public boolean isReserved(int port) {
        return reserved.stream().anyMatch(r -> r.contains(port));
    }
}
