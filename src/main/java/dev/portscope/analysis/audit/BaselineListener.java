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
 * @param namespace the network namespace it lives in, in a baseline of every namespace ({@code -A}): its
 *                  container's name, else its {@code ip netns} name, else its inode; null for the host's
 *                  (and in a baseline of one namespace), so that host listeners compare with either kind
 */
public record BaselineListener(
        Protocol protocol, int port, Exposure exposure, List<InetAddress> addresses, List<String> processes, List<String> users, List<Integer> pids,
        String namespace) {

    /** A listener of the host's namespace. */
    public BaselineListener(Protocol protocol, int port, Exposure exposure, List<InetAddress> addresses, List<String> processes,
            List<String> users, List<Integer> pids) {
        this(protocol, port, exposure, addresses, processes, users, pids, null);
    }

    public BaselineListener {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(exposure, "exposure");
        addresses = List.copyOf(addresses);
        processes = List.copyOf(processes);
        users = List.copyOf(users);
        pids = List.copyOf(pids);
    }

    /** {@code 8080/tcp}, or {@code 8080/tcp in web} in another namespace. */
    public String key() {
        return port + "/" + protocol.label() + (namespace == null ? "" : " in " + namespace);
    }
}
