package dev.portscope.platform.linux;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.LinuxSocket;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.platform.DiagnosticLog;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A machine's processes and descriptor tables in memory, changed by the operations processes do
 * (fork, exit, open, close, a descriptor passed over a Unix socket, a pid reused), seen through
 * {@link DescriptorTables} as {@code /proc} shows them, and scanned in full for the expected answer.
 */
final class SimulatedProcesses implements DescriptorTables {

    /** A process: which one (changes when its pid is reused), whom it runs as, its descriptors (negative: not a socket). */
    private static final class Process {
        final long identity;
        final int uid;
        final List<Long> descriptors = new ArrayList<>();
        boolean refused;

        Process(long identity, int uid) {
            this.identity = identity;
            this.uid = uid;
        }
    }

    private final TreeMap<Integer, Process> processes = new TreeMap<>();
    private final Map<Long, Integer> creatorUid = new HashMap<>();
    private long identities;
    private long keys = 1000;
    private long files = -1;
    int tablesRead;

    int spawn(int pid, int uid) {
        processes.put(pid, new Process(++identities, uid));
        return pid;
    }

    long openSocket(int pid) {
        Process process = processes.get(pid);
        long key = ++keys;
        creatorUid.put(key, process.uid);
        process.descriptors.add(key);
        return key;
    }

    void openFile(int pid) {
        processes.get(pid).descriptors.add(files--);
    }

    /** Closes the descriptor at {@code index} (modulo the table's size); returns what it referred to, or 0 when the table is empty. */
    long close(int pid, int index) {
        List<Long> table = processes.get(pid).descriptors;
        return table.isEmpty() ? 0 : table.remove(Math.floorMod(index, table.size()));
    }

    /** The descriptor at {@code index} (modulo the table's size), 0 when the table is empty. */
    long descriptorAt(int pid, int index) {
        List<Long> table = processes.get(pid).descriptors;
        return table.isEmpty() ? 0 : table.get(Math.floorMod(index, table.size()));
    }

    /** Whether a process that may not be read holds this socket. */
    boolean heldByRefused(long key) {
        return processes.values().stream().anyMatch(p -> p.refused && p.descriptors.contains(key));
    }

    void fork(int parent, int child) {
        Process original = processes.get(parent);
        Process copy = new Process(++identities, original.uid);
        copy.descriptors.addAll(original.descriptors);
        processes.put(child, copy);
    }

    void exit(int pid) {
        processes.remove(pid);
    }

    /** Passes one of the sender's sockets (by index) to the receiver, over SCM_RIGHTS; the sender closes its copy when asked. */
    boolean pass(int sender, int receiver, int index, boolean senderCloses) {
        List<Long> sockets = processes.get(sender).descriptors.stream().filter(d -> d > 0).toList();
        if (sockets.isEmpty()) {
            return false;
        }
        long key = sockets.get(Math.floorMod(index, sockets.size()));
        processes.get(receiver).descriptors.add(key);
        if (senderCloses) {
            processes.get(sender).descriptors.remove(key);
        }
        return true;
    }

    /**
     * Makes a process unreadable or readable again, as a process of another user does when it
     * becomes non-dumpable ({@code prctl(PR_SET_DUMPABLE)}, a set-uid program): its {@code /proc/PID/fd}
     * then belongs to root. A root process cannot hide from root this way.
     */
    void refuse(int pid, boolean refused) {
        Process process = processes.get(pid);
        if (process.uid != 0) {
            process.refused = refused;
        }
    }

    boolean exists(int pid) {
        return processes.containsKey(pid);
    }

    List<Integer> pidList() {
        return new ArrayList<>(processes.keySet());
    }

    int uidOf(int pid) {
        return processes.get(pid).uid;
    }

    /** The sockets the kernel has: every one some process holds. */
    List<Socket> sockets() {
        Set<Long> live = new TreeSet<>();
        processes.values().forEach(p -> p.descriptors.stream().filter(d -> d > 0).forEach(live::add));
        List<Socket> sockets = new ArrayList<>();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (long key : live) {
            int port = (int) (key % 60_000) + 1;
            sockets.add(new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(loopback, port, null), new Endpoint(loopback, 0, null),
                    SocketState.LISTEN, creatorUid.get(key), key, 0, 0, null, new LinuxSocket(key, key, 0, null, null)));
        }
        return sockets;
    }

    /** What a full scan finds: each socket's holders (sorted), and the processes it may not read. */
    Map<Long, Set<Integer>> fullScan() {
        Map<Long, Set<Integer>> holders = new HashMap<>();
        processes.forEach((pid, process) -> {
            if (!process.refused) {
                process.descriptors.stream().filter(d -> d > 0).forEach(key -> holders.computeIfAbsent(key, k -> new TreeSet<>()).add(pid));
            }
        });
        return holders;
    }

    List<Integer> refusedPids() {
        List<Integer> refused = new ArrayList<>();
        processes.forEach((pid, process) -> {
            if (process.refused) {
                refused.add(pid);
            }
        });
        return refused;
    }

    @Override
    public int[] pids(DiagnosticLog log) {
        return processes.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public Stamp stamp(int pid) {
        Process process = processes.get(pid);
        return process == null ? null : new Stamp(process.identity, process.descriptors.size(), process.refused ? 0 : process.uid);
    }

    @Override
    public boolean read(int pid, OwnerScanProblems problems, SocketDescriptors.Sink sockets) {
        tablesRead++;
        Process process = processes.get(pid);
        if (process == null) {
            problems.processFailed(pid, dev.portscope.platform.linux.ffm.Errno.ENOENT);
            return false;
        }
        if (process.refused) {
            problems.processFailed(pid, dev.portscope.platform.linux.ffm.Errno.EACCES);
            return false;
        }
        for (int fd = 0; fd < process.descriptors.size(); fd++) {
            if (process.descriptors.get(fd) > 0) {
                sockets.accept(fd, process.descriptors.get(fd));
            }
        }
        return true;
    }

    /** Descriptor numbers are positions in the table, which a close shifts: as a close then an open reuses numbers. */
    @Override
    public long socketAt(int pid, int fd) {
        Process process = processes.get(pid);
        if (process == null || process.refused || fd >= process.descriptors.size()) {
            return -1;
        }
        long target = process.descriptors.get(fd);
        return target > 0 ? target : -1;
    }

    @Override
    public void close() {}
}
