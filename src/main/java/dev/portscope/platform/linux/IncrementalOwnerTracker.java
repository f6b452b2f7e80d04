package dev.portscope.platform.linux;

import dev.portscope.model.OwnerIndex;
import dev.portscope.model.Socket;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import dev.portscope.platform.OwnerTracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps socket owners current while re-reading only what changed: each update stamps every process
 * ({@link DescriptorTables#stamp}, one {@code stat}) and reads the descriptors of those that are new,
 * whose pid now names another process, that changed credentials (which may make it unreadable),
 * whose count of descriptors moved, that held a socket that is gone, whose descriptor of a socket
 * held through several descriptors (a listener shared by forked workers) now refers to something
 * else ({@code readlinkat} of those descriptors only), or that could not be read before. Then it searches for the holders of sockets that have none
 * in its tables: new sockets (a process that closed a file and opened a socket keeps its count), and
 * sockets whose known holders all let go (a descriptor handed over {@code SCM_RIGHTS} and closed by
 * its sender). The search reads the processes of the socket's uid first, and every other process
 * only when no unreadable process could be the holder.
 *
 * <p>Two changes none of this shows, both keeping the count: a process that, between two updates,
 * receives a descriptor of a socket its sender keeps and closes a file; and one that closes its
 * descriptor of a socket that a process it may not read also holds, and opens another. To heal that, each update also
 * re-reads a slice of the unchanged processes in turn, so that every process is read at least once
 * every {@value #ROTATION_UPDATES} updates.
 */
final class IncrementalOwnerTracker implements OwnerTracker {

    static final int ROTATION_UPDATES = 60;

    /** What the tracker knows of one process. */
    private static final class Known {
        final long process;
        final int uid;
        long descriptors;
        long[] sockets = new long[0];
        int[] fds = new int[0];
        boolean readable;

        Known(DescriptorTables.Stamp stamp) {
            this.process = stamp.process();
            this.uid = stamp.uid();
            this.descriptors = stamp.descriptors();
        }
    }

    private final DescriptorTables tables;
    private Map<Integer, Known> processes = new HashMap<>();
    private LongSet previousLive = new LongSet(16);
    private int rotationCursor;
    private long rotationCredit;
    private long reads;

    IncrementalOwnerTracker(DescriptorTables tables) {
        this.tables = tables;
    }

    /** How many descriptor tables were read in full since the tracker started (for tests and the benchmark). */
    long tablesRead() {
        return reads;
    }

    @Override
    public Update update(List<Socket> sockets, DiagnosticLog log) {
        LongSet live = new LongSet(sockets.size());
        Map<Long, Integer> wanted = new HashMap<>(); // sockets to look for, with their uid
        for (Socket socket : sockets) {
            if (live.add(socket.key()) && !previousLive.contains(socket.key())) {
                wanted.put(socket.key(), socket.uid());
            }
        }
        LongSet gone = new LongSet(16);
        previousLive.forEach(key -> {
            if (!live.contains(key)) {
                gone.add(key);
            }
        });

        OwnerScanProblems problems = new OwnerScanProblems();
        Set<Integer> renewed = new HashSet<>();
        Map<Integer, Known> next = new HashMap<>();
        Set<Integer> read = new HashSet<>();
        LongSet shared = sharedSockets();
        LongSet dropped = new LongSet(16);
        for (int pid : tables.pids(log)) {
            DescriptorTables.Stamp stamp = tables.stamp(pid);
            if (stamp == null) {
                continue; // exited since /proc was listed
            }
            Known known = processes.get(pid);
            if (known == null || known.process != stamp.process() || known.uid != stamp.uid()) {
                // a new process, or one that changed credentials: its description is stale too
                renewed.add(pid);
                known = new Known(stamp);
            } else if (!known.readable || stamp.descriptors() < 0 || stamp.descriptors() != known.descriptors
                    || holdsAny(known, gone) || letGoOfShared(pid, known, shared)) {
                known.descriptors = stamp.descriptors();
            } else {
                next.put(pid, known);
                continue;
            }
            next.put(pid, known);
            readInto(pid, known, problems, next, read, dropped);
        }
        // sockets whose known holders let go may have gone to a process whose count did not move
        dropped.forEach(key -> {
            if (live.contains(key)) {
                wanted.putIfAbsent(key, -1);
            }
        });
        Map<Long, Integer> unresolved = unheld(next, wanted);
        if (!unresolved.isEmpty()) {
            search(unresolved, next, problems, read);
        }
        rotate(next, problems, read);

        OwnerIndex.Builder owners = new OwnerIndex.Builder();
        List<Integer> unreadable = new ArrayList<>();
        for (var entry : new TreeMap<>(next).entrySet()) {
            Known known = entry.getValue();
            if (!known.readable) {
                unreadable.add(entry.getKey());
                continue;
            }
            for (long key : known.sockets) {
                if (live.contains(key)) {
                    owners.add(key, entry.getKey());
                }
            }
        }
        problems.report(log);
        processes = next;
        previousLive = live;
        return new Update(new OwnerScan(owners.build(), unreadable), renewed, false);
    }

    private static boolean holdsAny(Known known, LongSet gone) {
        if (gone.isEmpty()) {
            return false;
        }
        for (long key : known.sockets) {
            if (gone.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** The sockets known to be held through more than one descriptor: closing one of those ends nothing. */
    private LongSet sharedSockets() {
        LongSet seen = new LongSet(previousLive.size());
        LongSet shared = new LongSet(16);
        for (Known known : processes.values()) {
            for (long key : known.sockets) {
                if (!seen.add(key)) {
                    shared.add(key);
                }
            }
        }
        return shared;
    }

    /**
     * Whether a descriptor the process had on a shared socket now refers to something else: a
     * close that ended no socket, perhaps hidden in an unchanged count by an open.
     */
    private boolean letGoOfShared(int pid, Known known, LongSet shared) {
        if (shared.isEmpty()) {
            return false;
        }
        for (int i = 0; i < known.sockets.length; i++) {
            if (shared.contains(known.sockets[i]) && tables.socketAt(pid, known.fds[i]) != known.sockets[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads a process's sockets into its entry; a process gone meanwhile leaves the table. What it
     * held before and holds no more goes to {@code dropped}.
     */
    private void readInto(int pid, Known known, OwnerScanProblems problems, Map<Integer, Known> next, Set<Integer> read,
            LongSet dropped) {
        read.add(pid);
        reads++;
        long[][] found = {new long[16]};
        int[][] numbers = {new int[16]};
        int[] count = {0};
        boolean listed = tables.read(pid, problems, (fd, key) -> {
            if (count[0] == found[0].length) {
                found[0] = Arrays.copyOf(found[0], count[0] * 2);
                numbers[0] = Arrays.copyOf(numbers[0], count[0] * 2);
            }
            numbers[0][count[0]] = fd;
            found[0][count[0]++] = key;
        });
        boolean refused = problems.refused(pid);
        long[] before = known.sockets;
        if (!listed && !refused) {
            next.remove(pid); // exited
            known.sockets = new long[0];
        } else {
            known.readable = !refused;
            known.sockets = refused ? new long[0] : Arrays.copyOf(found[0], count[0]);
            known.fds = refused ? new int[0] : Arrays.copyOf(numbers[0], count[0]);
        }
        if (before.length > 0 && dropped != null) {
            LongSet now = new LongSet(known.sockets.length);
            for (long key : known.sockets) {
                now.add(key);
            }
            for (long key : before) {
                if (!now.contains(key)) {
                    dropped.add(key);
                }
            }
        }
    }

    /** The wanted sockets nobody in the tables holds, with their uid (-1 when unknown or not one to narrow by). */
    private static Map<Long, Integer> unheld(Map<Integer, Known> next, Map<Long, Integer> wanted) {
        if (wanted.isEmpty()) {
            return Map.of();
        }
        LongSet candidates = new LongSet(wanted.size());
        wanted.keySet().forEach(candidates::add);
        LongSet held = new LongSet(wanted.size());
        for (Known known : next.values()) {
            for (long key : known.sockets) {
                if (candidates.contains(key)) {
                    held.add(key);
                }
            }
        }
        if (held.size() == wanted.size()) {
            return Map.of();
        }
        Map<Long, Integer> unresolved = new HashMap<>();
        wanted.forEach((key, uid) -> {
            if (!held.contains(key)) {
                unresolved.put(key, uid);
            }
        });
        return unresolved;
    }

    /** Reads the processes of the unresolved sockets' uids, then, where no unreadable process could hold them, all others. */
    private void search(Map<Long, Integer> unresolved, Map<Integer, Known> next, OwnerScanProblems problems, Set<Integer> read) {
        Set<Integer> uids = new HashSet<>(unresolved.values());
        boolean anyUid = uids.contains(-1);
        for (var entry : new ArrayList<>(next.entrySet())) {
            Known known = entry.getValue();
            if (!read.contains(entry.getKey()) && known.readable && (anyUid || uids.contains(known.uid))) {
                readInto(entry.getKey(), known, problems, next, read, null);
            }
        }
        Map<Long, Integer> left = unheld(next, unresolved);
        boolean hiddenHolderPossible = false;
        for (int uid : left.values()) {
            for (Known known : next.values()) {
                if (!known.readable && (uid == -1 || known.uid == uid || known.uid == 0)) {
                    hiddenHolderPossible = true;
                }
            }
        }
        if (left.isEmpty() || hiddenHolderPossible) {
            return;
        }
        for (var entry : new ArrayList<>(next.entrySet())) {
            if (!read.contains(entry.getKey()) && entry.getValue().readable) {
                readInto(entry.getKey(), entry.getValue(), problems, next, read, null);
            }
        }
    }

    /**
     * Re-reads unchanged processes in turn: each update earns a {@value #ROTATION_UPDATES}th of all
     * descriptors in credit, and the next process in pid order is read once the credit covers its
     * table, so a process with most of the machine's sockets is read every so many updates, not in each.
     */
    private void rotate(Map<Integer, Known> next, OwnerScanProblems problems, Set<Integer> read) {
        if (next.isEmpty()) {
            return;
        }
        long total = 0;
        for (Known known : next.values()) {
            total += Math.max(1, known.descriptors);
        }
        rotationCredit = Math.min(rotationCredit + total / ROTATION_UPDATES + 1, total);
        int[] pids = next.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        int start = Arrays.binarySearch(pids, rotationCursor + 1);
        start = start >= 0 ? start : -start - 1;
        for (int i = 0; i < pids.length; i++) {
            int pid = pids[(start + i) % pids.length];
            Known known = next.get(pid);
            long cost = Math.max(1, known.descriptors);
            if (!read.contains(pid)) {
                if (cost > rotationCredit) {
                    return;
                }
                rotationCredit -= cost;
                readInto(pid, known, problems, next, read, null);
            }
            rotationCursor = pid;
        }
    }

    @Override
    public void close() {
        tables.close();
    }
}
