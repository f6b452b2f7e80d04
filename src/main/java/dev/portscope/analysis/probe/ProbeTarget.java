package dev.portscope.analysis.probe;

import dev.portscope.model.ProcessInfo;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A local TCP listener to probe.
 *
 * @param address where to connect: an address it is bound to (loopback for a wildcard)
 * @param owners  the processes holding it, empty when unknown
 */
public record ProbeTarget(InetSocketAddress address, List<ProcessInfo> owners) {

    public ProbeTarget {
        owners = List.copyOf(owners);
    }

    public int port() {
        return address.getPort();
    }

    /** {@code python3}, {@code nginx, nginx}: the names of the owners, each once. */
    public String servedBy() {
        return String.join(", ", owners.stream().map(ProcessInfo::name).distinct().toList());
    }
}
