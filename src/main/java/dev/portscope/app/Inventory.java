package dev.portscope.app;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.NamespaceIndex;
import dev.portscope.model.NetNamespace;
import dev.portscope.model.OwnerIndex;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.Backend;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import dev.portscope.platform.ProcessSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Takes snapshots: the sockets a query wants, joined to the processes that hold them.
 * Owners are looked up only when asked for. Every process is read even when few sockets are
 * wanted, because every holder of a socket is listed (as {@code ss -p} and {@code lsof} do), and
 * {@code who} and {@code kill} depend on that. No cheaper rule finds them all: stopping once each
 * socket has one owner and then reading only the owners' descendants would miss a worker whose
 * sibling was found first after their parent closed the socket, a grandchild reparented when its
 * parent exited, and any process that received the descriptor over a Unix socket
 * ({@code SCM_RIGHTS}) or with {@code pidfd_getfd(2)} (ExternalListenerTest has the first three).
 * Nor would it save much where it matters: the processes with the most descriptors are usually the
 * forked workers of the socket's owner, and one unreadable holder (a process of another user, or
 * pid 1 in some sandboxes) keeps a socket ownerless, so the stop would never come.
 */
public final class Inventory {

    private final Backend backend;
    private final Clock clock;
    private final String host;

    /** @param host the name of the machine the sockets are of, or null when unknown (a replay that does not say) */
    public Inventory(Backend backend, Clock clock, String host) {
        this.backend = backend;
        this.clock = clock;
        this.host = host;
    }

    /**
     * @param query      what to list; also pushed down to the backend
     * @param filter     a further predicate on each socket (filters, ports), applied before owners
     *                   are looked up: only the processes holding the sockets kept are described
     * @param withOwners whether to find the processes holding each socket
     */
    public Snapshot take(SocketQuery query, Predicate<Socket> filter, boolean withOwners) {
        return take(query, filter, socket -> true, withOwners, false);
    }

    /**
     * As {@link #take(SocketQuery, Predicate, boolean)}, looking up the owners of the sockets that
     * {@code described} accepts only: the others are context (who's listeners of other ports), and
     * their unknown owners are not counted as hidden.
     */
    public Snapshot take(SocketQuery query, Predicate<Socket> filter, Predicate<Socket> described, boolean withOwners) {
        return take(query, filter, described, withOwners, false);
    }

    /**
     * A snapshot with owners, for acting on them ({@code kill}): a process whose descriptors could
     * not be read may hold a socket whose other holders were found, so the answer is partial
     * (a {@link Diagnostic.Kind#PERMISSION_DENIED} diagnostic) whenever one could not be read and
     * some socket was wanted, not only when a socket is left without any owner.
     */
    public Snapshot takeEveryHolder(SocketQuery query, Predicate<Socket> filter, Predicate<Socket> described) {
        return take(query, filter, described, true, true);
    }

    private Snapshot take(SocketQuery query, Predicate<Socket> filter, Predicate<Socket> described, boolean withOwners,
            boolean everyHolder) {
        DiagnosticLog log = new DiagnosticLog();
        var time = clock.instant();
        List<Socket> sockets = new ArrayList<>();
        backend.sockets().scan(query, log, socket -> {
            if (query.matches(socket) && filter.test(socket)) {
                sockets.add(socket);
            }
        });
        if (!withOwners) {
            return new Snapshot(time, host, sockets, Map.of(), OwnerIndex.empty(), log.diagnostics(), namespaces());
        }
        Set<Long> keys = new HashSet<>();
        for (Socket socket : sockets) {
            if (socket.key() != 0 && described.test(socket)) {
                keys.add(socket.key());
            }
        }
        OwnerScan scan = keys.isEmpty()
                ? new OwnerScan(OwnerIndex.empty())
                // Every process is read: see the class comment.
                : backend.processes().scanOwners(keys::contains, log);
        Map<Integer, ProcessInfo> processes = new HashMap<>();
        int ownerless = 0;
        for (long key : keys) {
            int[] pids = scan.owners().pidsOf(key);
            if (pids.length == 0) {
                ownerless++;
            }
            for (int pid : pids) {
                if (!processes.containsKey(pid)) {
                    backend.processes().describe(pid, log).ifPresent(p -> processes.put(pid, p));
                }
            }
        }
        reportHidden(scan, ownerless, log);
        if (everyHolder && ownerless == 0 && scan.unreadableProcesses() > 0) {
            log.report(
                    Diagnostic.Kind.PERMISSION_DENIED,
                    "other holders of these sockets may be hidden: the descriptors of " + scan.unreadableText()
                            + " are unreadable (not root, hidepid, or a process even root may not inspect)");
        }
        return new Snapshot(time, host, sockets, processes, scan.owners(), log.diagnostics(), namespaces());
    }

    /** Receives each socket with its owners as it is read. */
    @FunctionalInterface
    public interface OwnedSocketSink {
        void accept(Socket socket, List<ProcessInfo> owners);
    }

    /**
     * Streams sockets with their owners without holding them, for answers too large to keep (every
     * connection of a busy server): owners are found first, in one pass over the processes, then
     * each socket is joined to them as the kernel hands it over. The kernel is read on a thread of
     * its own, a few batches ahead ({@link ScanAhead}); {@code filter} runs there, {@code sink} on
     * the caller's thread.
     *
     * @return what kept the answer from being complete
     */
    public List<Diagnostic> stream(SocketQuery query, Predicate<Socket> filter, boolean withOwners, OwnedSocketSink sink) {
        DiagnosticLog log = new DiagnosticLog();
        OwnerScan scan = withOwners ? backend.processes().scanOwners(null, log) : null;
        Map<Integer, Optional<ProcessInfo>> described = new HashMap<>();
        long[] ownerless = {0};
        Predicate<Socket> wanted = socket -> query.matches(socket) && filter.test(socket);
        Consumer<Socket> join = socket -> {
            if (scan == null) {
                sink.accept(socket, List.of());
                return;
            }
            int[] pids = scan.owners().pidsOf(socket.key());
            if (pids.length == 0 && socket.key() != 0) {
                ownerless[0]++;
            }
            List<ProcessInfo> owners = new ArrayList<>(pids.length);
            for (int pid : pids) {
                described.computeIfAbsent(pid, p -> backend.processes().describe(p, log)).ifPresent(owners::add);
            }
            sink.accept(socket, owners);
        };
        if (ScanAhead.worthwhile()) {
            ScanAhead.scan(backend.sockets(), query, log, wanted, join);
        } else {
            backend.sockets().scan(query, log, socket -> {
                if (wanted.test(socket)) {
                    join.accept(socket);
                }
            });
        }
        if (scan != null) {
            reportHidden(scan, ownerless[0], log);
        }
        return log.diagnostics();
    }

    private static void reportHidden(OwnerScan scan, long ownerless, DiagnosticLog log) {
        if (scan.unreadableProcesses() > 0 && ownerless > 0) {
            log.report(
                    Diagnostic.Kind.PERMISSION_DENIED,
                    "owners of " + ownerless + " sockets hidden: the kernel refused the descriptors of " + scan.unreadableText()
                            + " (not root, hidepid, or a process even root may not inspect)");
        }
    }

    /**
     * The holders of sockets that came from elsewhere than this inventory's source (another
     * network namespace), found in one pass over the processes: socket keys are unique machine-wide.
     *
     * @return socket key to its holders; keys without a visible holder are missing
     */
    public Map<Long, List<ProcessInfo>> ownersOf(List<Socket> sockets, DiagnosticLog log) {
        Set<Long> keys = new HashSet<>();
        for (Socket socket : sockets) {
            if (socket.key() != 0) {
                keys.add(socket.key());
            }
        }
        if (keys.isEmpty()) {
            return Map.of();
        }
        OwnerScan scan = backend.processes().scanOwners(keys::contains, log);
        OwnerIndex index = scan.owners();
        Map<Integer, Optional<ProcessInfo>> described = new HashMap<>();
        Map<Long, List<ProcessInfo>> owners = new HashMap<>();
        int ownerless = 0;
        for (long key : keys) {
            int[] pids = index.pidsOf(key);
            if (pids.length == 0) {
                ownerless++;
            }
            for (int pid : pids) {
                described.computeIfAbsent(pid, p -> backend.processes().describe(p, log))
                        .ifPresent(p -> owners.computeIfAbsent(key, i -> new ArrayList<>()).add(p));
            }
        }
        reportHidden(scan, ownerless, log);
        return owners;
    }

    /** The service unit or container of a process; {@code log} is told of runtime state that could not be read. */
    public dev.portscope.model.ProcessOrigin origin(int pid, DiagnosticLog log) {
        return backend.processes().origin(pid, log);
    }

    /**
     * The network namespaces the last scan read, their containers named, when the source reads more
     * than the reader's own ({@code -A}); else {@link NamespaceIndex#NONE}.
     */
    public NamespaceIndex namespaces() {
        return named(backend.sockets().namespaces(), backend.processes());
    }

    /** The namespaces a source read, each with its container as the process source tells it. */
    public static NamespaceIndex named(List<NetNamespace> read, ProcessSource processes) {
        if (read.isEmpty()) {
            return NamespaceIndex.NONE;
        }
        return NamespaceIndex.of(read.stream().map(ns -> withContainer(ns, processes)).toList());
    }

    /** A namespace with the container of its first process, as the process source tells it; the host's has none. */
    static NetNamespace withContainer(NetNamespace ns, ProcessSource processes) {
        if (ns.host() || ns.pid() == 0 || ns.container() != null) {
            return ns;
        }
        return ns.withContainer(processes.origin(ns.pid()).container());
    }

    /** The service unit or container of a process. */
    public dev.portscope.model.ProcessOrigin origin(int pid) {
        return backend.processes().origin(pid);
    }

    /** The user name of a uid, as the backend knows it. */
    public String userName(int uid) {
        return backend.processes().userName(uid);
    }
}
