package dev.portscope.inventory;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.OwnerIndex;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import dev.portscope.source.Backend;
import dev.portscope.source.DiagnosticLog;
import dev.portscope.source.OwnerScan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Takes snapshots: the sockets a query wants, joined to the processes that hold them.
 * Owners are looked up only when asked for, and only for the sockets found.
 */
public final class Inventory {

    private final Backend backend;
    private final Clock clock;
    private final String host;

    public Inventory(Backend backend, Clock clock, String host) {
        this.backend = backend;
        this.clock = clock;
        this.host = host;
    }

    /**
     * @param query      what to list; also pushed down to the backend
     * @param filter     a further predicate on each socket (filters, ports), applied before owners
     *                   are looked up so that owner lookup stays proportional to the answer
     * @param withOwners whether to find the processes holding each socket
     */
    public Snapshot take(SocketQuery query, Predicate<Socket> filter, boolean withOwners) {
        DiagnosticLog log = new DiagnosticLog();
        var time = clock.instant();
        List<Socket> sockets = new ArrayList<>();
        backend.sockets().scan(query, log, socket -> {
            if (query.matches(socket) && filter.test(socket)) {
                sockets.add(socket);
            }
        });
        if (!withOwners) {
            return new Snapshot(time, host, sockets, Map.of(), OwnerIndex.empty(), log.diagnostics());
        }
        Set<Long> inodes = new HashSet<>();
        for (Socket socket : sockets) {
            if (socket.inode() != 0) {
                inodes.add(socket.inode());
            }
        }
        OwnerScan scan = inodes.isEmpty()
                ? new OwnerScan(OwnerIndex.empty(), 0, true)
                // Every process is read: stopping at the first owner of each inode would miss the
                // children that share it after fork().
                : backend.processes().scanOwners(inodes::contains, -1, log);
        Map<Integer, ProcessInfo> processes = new HashMap<>();
        int ownerless = 0;
        for (long inode : inodes) {
            int[] pids = scan.owners().pidsOf(inode);
            if (pids.length == 0) {
                ownerless++;
            }
            for (int pid : pids) {
                if (!processes.containsKey(pid)) {
                    backend.processes().describe(pid, log).ifPresent(p -> processes.put(pid, p));
                }
            }
        }
        if (scan.unreadableProcesses() > 0 && ownerless > 0) {
            log.report(
                    Diagnostic.Kind.PERMISSION_DENIED,
                    "owners of " + ownerless + " sockets hidden: the descriptors of " + scan.unreadableProcesses()
                            + " processes are unreadable (run as root to see them)");
        }
        return new Snapshot(time, host, sockets, processes, scan.owners(), log.diagnostics());
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
