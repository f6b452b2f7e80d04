package dev.portscope.analysis.audit;

import dev.portscope.model.AddressOrder;
import dev.portscope.model.Exposure;
import dev.portscope.model.NetNamespace;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The listeners of a machine at one time, to compare later snapshots with.
 *
 * @param host      where it was taken, null when unknown (a baseline of a recording that does not name its machine)
 * @param time      when
 * @param listeners one per protocol and port, ordered by port then protocol
 * @throws IllegalArgumentException when two listeners have the same protocol and port ({@link BaselineParser}
 *         says where, for a file): a comparison by port could not tell which one is meant
 */
public record Baseline(String host, Instant time, List<BaselineListener> listeners) {

    public Baseline {
        listeners = List.copyOf(listeners);
        var keys = new java.util.HashSet<String>();
        for (BaselineListener l : listeners) {
            if (!keys.add(l.key())) {
                throw new IllegalArgumentException("two listeners for " + l.key());
            }
        }
    }

    /** The listeners of {@code snapshot}, grouped by protocol and port (and namespace, when it spans several). */
    public static Baseline of(Snapshot snapshot) {
        Map<String, List<Socket>> byKey = new TreeMap<>();
        for (Socket s : snapshot.sockets()) {
            if (s.isListening() && s.local().port() != 0) {
                String ns = namespaceOf(s, snapshot);
                byKey.computeIfAbsent(s.local().port() + "/" + s.protocol().label() + (ns == null ? "" : " in " + ns),
                        k -> new ArrayList<>()).add(s);
            }
        }
        List<BaselineListener> listeners = new ArrayList<>();
        for (List<Socket> sockets : byKey.values()) {
            Socket first = sockets.getFirst();
            Exposure widest = Exposure.LOOPBACK;
            var addresses = new TreeSet<InetAddress>(AddressOrder.BY_VALUE);
            var names = new TreeSet<String>();
            var users = new TreeSet<String>();
            var pids = new TreeSet<Integer>();
            for (Socket s : sockets) {
                Exposure e = Exposure.of(s.local());
                widest = e.compareTo(widest) > 0 ? e : widest;
                addresses.add(s.family().holding(s.local().address()));
                for (ProcessInfo p : snapshot.ownersOf(s)) {
                    names.add(p.name());
                    users.add(p.user());
                    pids.add(p.pid());
                }
            }
            listeners.add(new BaselineListener(first.protocol(), first.local().port(), widest,
                    List.copyOf(addresses), List.copyOf(names), List.copyOf(users), List.copyOf(pids), namespaceOf(first, snapshot)));
        }
        listeners.sort(Comparator.comparingInt(BaselineListener::port).thenComparing(l -> l.protocol())
                .thenComparing(l -> l.namespace() == null ? "" : l.namespace()));
        return new Baseline(snapshot.host(), snapshot.time(), listeners);
    }

    /**
     * How a baseline names a socket's namespace, stable across restarts where it can be: its
     * container's name, else its {@code ip netns} name, else its inode; null for the host's.
     */
    static String namespaceOf(Socket s, Snapshot snapshot) {
        if (!snapshot.namespaces().multiple()) {
            return null;
        }
        NetNamespace ns = snapshot.namespaces().of(s);
        if (ns == null) {
            return s.linux() == null || s.linux().netns() == 0 ? null : Long.toString(s.linux().netns());
        }
        if (ns.host()) {
            return null;
        }
        return ns.container() != null ? ns.container().label() : ns.label();
    }

    /** True when some listener lives in another namespace than the host's: a baseline of every namespace. */
    public boolean spansNamespaces() {
        return listeners.stream().anyMatch(l -> l.namespace() != null);
    }

    public java.util.Optional<BaselineListener> find(String key) {
        return listeners.stream().filter(l -> l.key().equals(key)).findFirst();
    }
}
