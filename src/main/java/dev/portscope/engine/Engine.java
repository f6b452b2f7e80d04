package dev.portscope.engine;

import dev.portscope.app.Inventory;
import dev.portscope.app.Session;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerTracker;
import dev.portscope.platform.SocketEndFeed;
import dev.portscope.platform.TcpCounters;
import dev.portscope.query.SocketQuery;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The long-running watch under {@code top}, {@code events} and {@code serve}: it keeps every socket
 * by its identity, refreshes when asked and reports each refresh's differences as {@link Change}
 * values. Owners are kept current by the platform's {@link OwnerTracker}, which re-reads only what
 * changed; the kernel's notices of closed sockets ({@link SocketEndFeed}) catch connections that
 * live less than a refresh. Memory is bounded: the sockets there are, the processes holding them,
 * and a capped tail of closed rows and pending notices.
 *
 * <p>Not thread-safe: one thread refreshes (the command's loop, or a server's scheduler).
 */
public final class Engine implements AutoCloseable {

    /** Counters that move when a connection is reset or aborted, on either side ({@code /proc/net/snmp}, {@code netstat}). */
    private static final List<String> RESET_COUNTERS = List.of(
            "Tcp.EstabResets", "Tcp.OutRsts", "Tcp.AttemptFails", "TcpExt.TCPAbortOnData", "TcpExt.TCPAbortOnClose",
            "TcpExt.TCPAbortOnMemory", "TcpExt.TCPAbortOnTimeout", "TcpExt.TCPAbortOnLinger", "TcpExt.TCPAbortFailed");
    /** Closed rows kept at most, however many closed in the last refreshes. */
    private static final int CLOSED_CAP = 10_000;
    /** How many refreshes a closed socket's late end notice is still recognised. */
    private static final int RECENT_END_REFRESHES = 10;
    /** End notices kept for the next refresh at most. */
    private static final int PENDING_CAP = 100_000;

    private final Session session;
    private final EngineSettings settings;
    private final OwnerTracker tracker;
    private final dev.portscope.platform.SocketSource sockets;
    private final SocketEndFeed feed;
    private final List<Diagnostic> setupDiagnostics;
    private final Map<Integer, ProcessInfo> described = new HashMap<>();
    private final ArrayDeque<Closing> closed = new ArrayDeque<>();
    private final Map<SocketIdentity, Socket> pendingEnds = new LinkedHashMap<>();
    /** Sockets reported closed in the last refreshes, with the refresh: a notice that comes late is not a new socket. */
    private final LinkedHashMap<SocketIdentity, Long> recentlyEnded = new LinkedHashMap<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<SocketIdentity, Sighting> current = Map.of();
    private Optional<TcpCounters> counters = Optional.empty();
    private long sequence;

    private record Closing(long sequence, Change.Closed change) {}

    private Engine(Session session, EngineSettings settings, SocketEndFeed feed, List<Diagnostic> setupDiagnostics) {
        this.session = session;
        this.settings = settings;
        this.tracker = session.backend().processes().ownerTracker();
        this.sockets = session.backend().sockets().forWatching();
        this.feed = feed;
        this.setupDiagnostics = List.copyOf(setupDiagnostics);
    }

    /**
     * Starts watching: subscribes to end notices when asked and the session is live. The first
     * {@link #refresh} takes the baseline.
     */
    public static Engine start(Session session, EngineSettings settings) {
        DiagnosticLog log = new DiagnosticLog();
        SocketEndFeed feed = null;
        if (settings.endNotices() && !session.isReplay()) {
            feed = session.platform().socketEndFeed(log).orElse(null);
        }
        return new Engine(session, settings, feed, log.diagnostics());
    }

    public EngineSettings settings() {
        return settings;
    }

    public Session session() {
        return session;
    }

    /** Why the engine sees less than asked (end notices unavailable), said once at start. */
    public List<Diagnostic> setupDiagnostics() {
        return setupDiagnostics;
    }

    /** Whether connections shorter than a refresh are caught. */
    public boolean catchesShortConnections() {
        return feed != null;
    }

    /** Takes a refresh now. */
    public Refresh refresh() {
        long cpuStart = cpuTime();
        DiagnosticLog log = new DiagnosticLog();
        if (sequence == 0) {
            setupDiagnostics.forEach(d -> log.report(d.kind(), d.message()));
        }
        List<Socket> ends = drainEnds(log);
        Instant time = session.clock().instant();
        List<Socket> sockets = new ArrayList<>();
        this.sockets.scan(SocketQuery.all(), log, sockets::add);
        OwnerTracker.Update update = tracker.update(sockets, log);
        Map<Integer, ProcessInfo> processes = describeOwners(update, log);

        Map<SocketIdentity, Sighting> next = new LinkedHashMap<>(sockets.size() * 2);
        List<Socket> kept = new ArrayList<>(sockets.size());
        List<Sighting[]> differing = new ArrayList<>(); // (before or null, now) of the sockets that are new or changed
        int matched = 0;
        for (Socket socket : sockets) {
            SocketIdentity identity = SocketIdentity.of(socket);
            Sighting before = current.get(identity);
            if (before != null) {
                matched++;
            }
            int[] pids = update.scan().owners().pidsOf(socket.key());
            boolean sameOwners = before != null && Sighting.samePids(before.owners(), pids) && !anyRenewed(pids, update);
            Sighting sighting;
            if (sameOwners && (before.socket() == socket || before.socket().equals(socket))) {
                // unchanged (most sockets, most refreshes): the old objects live on, the new ones die young
                sighting = before;
            } else {
                List<ProcessInfo> owners = sameOwners ? before.owners() : ownersOf(pids, processes);
                sighting = new Sighting(socket, owners, before == null ? time : before.firstSeen());
            }
            if (next.put(identity, sighting) != null) {
                matched -= before != null ? 1 : 0; // a socket listed twice is one sighting
            } else if (sighting != before) {
                differing.add(new Sighting[] {before, sighting});
            }
            kept.add(sighting.socket());
        }
        Snapshot snapshot = new Snapshot(time, session.hostName().orElse(null), kept, processes, update.scan().owners(),
                log.diagnostics(), Inventory.named(this.sockets.namespaces(), session.backend().processes()));
        boolean resetsCounted = resetsCountedSince(time, log);
        List<Change> changes = new ArrayList<>();
        if (sequence > 0) {
            // the diff of SocketDiff.between, from the pairs this loop already found: an unchanged
            // sighting (most, most refreshes) costs no second look-up, and the closed are looked for only when some are
            SocketDiff.Ends endings = new SocketDiff.Ends(next, resetsCounted);
            for (Sighting[] pair : differing) {
                SocketDiff.compare(pair[0], pair[1], time, settings.thresholds(), endings, changes);
            }
            if (matched < current.size()) {
                SocketDiff.closed(current, next, time, endings, changes);
            }
            changes.addAll(shortLived(ends, next, time, resetsCounted));
        }
        keepPending(ends, next);
        sequence++;
        keepClosed(changes);
        current = next;
        return new Refresh(sequence, snapshot, next, changes, recentlyClosed(), cost(cpuStart));
    }

    private static List<ProcessInfo> ownersOf(int[] pids, Map<Integer, ProcessInfo> processes) {
        List<ProcessInfo> owners = new ArrayList<>(pids.length);
        for (int pid : pids) {
            ProcessInfo process = processes.get(pid);
            if (process != null) {
                owners.add(process);
            }
        }
        return owners;
    }

    private static boolean anyRenewed(int[] pids, OwnerTracker.Update update) {
        for (int pid : pids) {
            if (update.isRenewed(pid)) {
                return true;
            }
        }
        return false;
    }

    /** The notices that came since the previous refresh, oldest first, with those kept from before. */
    private List<Socket> drainEnds(DiagnosticLog log) {
        List<Socket> ends = new ArrayList<>(pendingEnds.values());
        pendingEnds.clear();
        if (feed == null) {
            return ends;
        }
        ends.addAll(feed.drain());
        long lost = feed.lost();
        if (lost > 0) {
            log.report(Diagnostic.Kind.RESOURCE_LIMIT, lost + " notices of closed sockets were lost (the kernel's buffer"
                    + " overflowed): some connections shorter than a refresh are missing");
        }
        return ends;
    }

    /**
     * Connections that opened and closed between two refreshes, known only by their end notice.
     * A notice of a socket the refresh still lists (read just before it ended, or now in
     * TIME_WAIT, which keeps the cookie) is not one of them.
     */
    private List<Change> shortLived(List<Socket> ends, Map<SocketIdentity, Sighting> next, Instant time, boolean resetsCounted) {
        List<Change> changes = new ArrayList<>();
        ListenerIndex listeners = null;
        for (Socket socket : ends) {
            SocketIdentity identity = SocketIdentity.of(socket);
            // a socket never bound (port 0) was no listener nor connection
            if (socket.local().port() == 0 || next.containsKey(identity) || current.containsKey(identity)
                    || recentlyEnded.containsKey(identity)) {
                continue;
            }
            if (listeners == null) {
                listeners = new ListenerIndex(next.values());
            }
            List<ProcessInfo> owners = listeners.ownersOfAccepted(socket);
            Sighting sighting = new Sighting(socket, owners, time, !owners.isEmpty());
            changes.add(new Change.Opened(time, sighting));
            changes.add(new Change.Closed(time, sighting, SocketDiff.endOfUnseen(sighting, next, resetsCounted)));
        }
        return changes;
    }

    /** Notices of sockets this refresh still saw alive: judged at the next refresh, when they are gone. */
    private void keepPending(List<Socket> ends, Map<SocketIdentity, Sighting> next) {
        for (Socket socket : ends) {
            SocketIdentity identity = SocketIdentity.of(socket);
            Sighting seen = next.get(identity);
            if (seen != null && seen.socket().state() != SocketState.TIME_WAIT && pendingEnds.size() < PENDING_CAP) {
                pendingEnds.put(identity, socket);
            }
        }
    }

    private Map<Integer, ProcessInfo> describeOwners(OwnerTracker.Update update, DiagnosticLog log) {
        Map<Integer, ProcessInfo> processes = new HashMap<>();
        var keys = update.scan().owners();
        java.util.Set<Integer> pids = new java.util.HashSet<>();
        keys.forEachPid(pids::add);
        described.keySet().removeIf(pid -> !pids.contains(pid) || update.isRenewed(pid));
        for (int pid : pids) {
            ProcessInfo process = described.get(pid);
            if (process == null) {
                Optional<ProcessInfo> found = session.backend().processes().describe(pid, log);
                if (found.isEmpty()) {
                    continue;
                }
                process = found.get();
                described.put(pid, process);
            }
            processes.put(pid, process);
        }
        return processes;
    }

    /** True unless the kernel's reset and abort counters are readable and none moved since the previous refresh. */
    private boolean resetsCountedSince(Instant time, DiagnosticLog log) {
        Optional<TcpCounters> now = session.isReplay() ? Optional.empty()
                : session.kernel().tcpCounters(java.time.Clock.fixed(time, java.time.ZoneOffset.UTC), new DiagnosticLog());
        Optional<TcpCounters> before = counters;
        counters = now;
        if (now.isEmpty() || before.isEmpty()) {
            return true;
        }
        for (String name : RESET_COUNTERS) {
            var grew = now.get().since(before.get(), name);
            if (grew.isPresent() && grew.getAsLong() > 0) {
                return true;
            }
        }
        return RESET_COUNTERS.stream().noneMatch(name -> now.get().get(name).isPresent());
    }

    private void keepClosed(List<Change> changes) {
        for (Change change : changes) {
            if (change instanceof Change.Closed c) {
                closed.addFirst(new Closing(sequence, c));
                recentlyEnded.remove(c.sighting().identity()); // kept in the order they ended
                recentlyEnded.put(c.sighting().identity(), sequence);
            }
        }
        // the kernel sends a notice when it frees the socket, from a work queue: a few refreshes late at most
        var oldest = recentlyEnded.entrySet().iterator();
        while (oldest.hasNext()) {
            var entry = oldest.next();
            if (entry.getValue() > sequence - RECENT_END_REFRESHES && recentlyEnded.size() <= PENDING_CAP) {
                break;
            }
            oldest.remove();
        }
        while (!closed.isEmpty()
                && (closed.peekLast().sequence() <= sequence - settings.closedKept() || closed.size() > CLOSED_CAP)) {
            closed.removeLast();
        }
    }

    private List<Change.Closed> recentlyClosed() {
        return closed.stream().map(Closing::change).toList();
    }

    private long cpuTime() {
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    private Duration cost(long cpuStart) {
        if (cpuStart < 0) {
            return null;
        }
        return Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpuStart);
    }

    @Override
    public void close() {
        tracker.close();
        if (feed != null) {
            feed.close();
        }
    }
}
