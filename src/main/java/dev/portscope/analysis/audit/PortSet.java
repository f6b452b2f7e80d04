package dev.portscope.analysis.audit;

import dev.portscope.model.Protocol;
import java.util.Map;
import java.util.Set;

/**
 * Ports per protocol, with the name of the service each stands for.
 *
 * @param tcp service names of TCP ports
 * @param udp service names of UDP ports
 */
record PortSet(Map<Integer, String> tcp, Map<Integer, String> udp) {

    PortSet {
        tcp = Map.copyOf(tcp);
        udp = Map.copyOf(udp);
    }

    /** The service name of a port, null when the set lacks it. */
    String nameOf(Protocol protocol, int port) {
        return (protocol == Protocol.TCP ? tcp : udp).get(port);
    }

    Set<Integer> ports(Protocol protocol) {
        return (protocol == Protocol.TCP ? tcp : udp).keySet();
    }
}
