package dev.portscope.analysis.probe;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A port to probe: a local listener, or an open port of a scanned host.
 *
 * @param protocol TCP (the banner, TLS, HTTP, Redis and PostgreSQL probes) or UDP (the DNS probe)
 * @param address  where to connect: an address it is bound to (loopback for a wildcard)
 * @param owners   the processes holding it, empty when unknown
 */
public record ProbeTarget(Protocol protocol, InetSocketAddress address, List<ProcessInfo> owners) {

    public ProbeTarget {
        java.util.Objects.requireNonNull(protocol, "protocol");
        owners = List.copyOf(owners);
    }

    /** A TCP port. */
    public ProbeTarget(InetSocketAddress address, List<ProcessInfo> owners) {
        this(Protocol.TCP, address, owners);
    }

    public int port() {
        return address.getPort();
    }

    /** {@code python3}, {@code nginx, nginx}: the names of the owners, each once. */
    public String servedBy() {
        return String.join(", ", owners.stream().map(ProcessInfo::name).distinct().toList());
    }
}
