package dev.portscope.analysis.audit;

import dev.portscope.model.Exposure;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * A listener as a baseline keeps it: one entry per protocol and port, however many sockets serve it.
 *
 * @param protocol  TCP or UDP
 * @param port      the port
 * @param exposure  the widest exposure among its sockets
 * @param addresses its bind addresses, sorted by {@link dev.portscope.model.AddressOrder}; an IPv6 socket's IPv4-mapped
 *                  address stays IPv6 ({@link IpFamily#holding})
 * @param processes names of the processes holding it, sorted, without repeats
 * @param users     the users running them, sorted, without repeats
 * @param pids      their pids, sorted (not compared: they change on every restart)
 */
public record BaselineListener(
        Protocol protocol, int port, Exposure exposure, List<InetAddress> addresses, List<String> processes, List<String> users, List<Integer> pids) {

    public BaselineListener {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(exposure, "exposure");
        addresses = List.copyOf(addresses);
        processes = List.copyOf(processes);
        users = List.copyOf(users);
        pids = List.copyOf(pids);
    }

    /** {@code 8080/tcp}. */
    public String key() {
        return port + "/" + protocol.label();
    }
}
