package dev.portscope.analysis.health;

import dev.portscope.analysis.CloseWaitPileUps;
import dev.portscope.analysis.CloseWaitPileUps.Holder;
import dev.portscope.analysis.CloseWaitPileUps.PileUp;
import dev.portscope.platform.TcpCounters;

import dev.portscope.platform.PortSettings;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.model.TcpInfo;
import dev.portscope.model.AddressText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns the kernel's view of TCP into plain-language diagnoses: connections the application does
 * not close, accept queues that overflow, handshakes that get no answer, TIME_WAIT eating the
 * ephemeral ports, retransmissions, slow and idle connections, and resets counted by the kernel.
 */
public final class HealthAnalyzer {

    /** The port settings the checks use. */
    private static final List<String> RELIED_ON = List.of("net.ipv4.ip_local_port_range");

    /** The counters whose growth {@code health} reports, with what each means. */
    static final Map<String, String> COUNTERS = counters();

    private final Snapshot snapshot;
    private final PortSettings settings;
    private final OptionalInt somaxconn;
    private final HealthThresholds limits;
    private final List<HealthFinding> findings = new ArrayList<>();

    private HealthAnalyzer(Snapshot snapshot, PortSettings settings, OptionalInt somaxconn, HealthThresholds limits) {
        this.snapshot = snapshot;
        this.settings = settings;
        this.somaxconn = somaxconn;
        this.limits = limits;
    }

    /**
     * @param snapshot  every TCP socket, with owners and (netlink) TCP info
     * @param now       the kernel's counters now, null when unreadable
     * @param earlier   the counters at the start of the period, null on a first run
     * @param period    what the period is, for people ("over 5 s"); null on a first run
     */
    public static HealthReport analyze(Snapshot snapshot, PortSettings settings, OptionalInt somaxconn, TcpCounters now, TcpCounters earlier,
            String period, HealthThresholds limits) {
        HealthAnalyzer a = new HealthAnalyzer(snapshot, settings, somaxconn, limits);
        Map<String, OptionalLong> deltas = new LinkedHashMap<>();
        if (now != null) {
            for (String name : COUNTERS.keySet()) {
                deltas.put(name, earlier != null ? now.since(earlier, name) : now.get(name));
            }
        }
        a.closeWait();
        a.acceptQueues(deltas, earlier != null);
        a.unansweredSyns();
        a.synFlood();
        a.timeWait();
        a.retransmissions();
        a.slowAndIdle();
        if (earlier != null) {
            a.resets(deltas, period);
        }
        a.findings.sort(Comparator.comparing(HealthFinding::level).reversed());
        Map<SocketState, Long> counts = new java.util.EnumMap<>(SocketState.class);
        for (Socket s : snapshot.sockets()) {
            if (s.protocol() == Protocol.TCP) {
                counts.merge(s.state(), 1L, Long::sum);
            }
        }
        Map<String, Long> states = new LinkedHashMap<>();
        counts.forEach((state, count) -> states.put(state.displayName(Protocol.TCP), count));
        // the TIME_WAIT check judges by the ephemeral range: say when it is the default, not this kernel's
        List<String> assumed = settings.assumed().stream().filter(RELIED_ON::contains).toList();
        return new HealthReport(a.findings, states, earlier != null ? period : null, deltas, assumed);
    }

    private List<Socket> tcpIn(SocketState state) {
        return snapshot.sockets().stream().filter(s -> s.protocol() == Protocol.TCP && s.state() == state).toList();
    }

    private void closeWait() {
        for (PileUp pileUp : CloseWaitPileUps.find(snapshot, limits.closeWaitPerProcess())) {
            List<Socket> sockets = pileUp.sockets();
            Level level = pileUp.critical() ? Level.CRITICAL : Level.WARNING;
            List<String> evidence = List.of(
                    "peers: " + top(sockets, s -> AddressText.of(s.remote().address(), s.family()), 5),
                    "local ports: " + top(sockets, s -> Integer.toString(s.local().port()), 5),
                    "threshold: " + limits.closeWaitPerProcess() + " per process");
            if (pileUp.holder() instanceof Holder.NeverAccepted) {
                findings.add(new HealthFinding("close-wait", level,
                        sockets.size() + " connections in CLOSE_WAIT were never accepted",
                        evidence,
                        "the clients gave up and closed while the connections waited in a listener's accept queue: "
                                + "the application accepts too slowly, or not at all",
                        "check the accept loop of the listeners on those local ports (portscope who PORT)",
                        List.of()));
                continue;
            }
            ProcessInfo p = pileUp.holder() instanceof Holder.Process(var info) ? info : null;
            String who = p == null ? "processes portscope cannot read (run as root to name them)" : p.name() + " (pid " + p.pid() + ")";
            findings.add(new HealthFinding("close-wait", level,
                    sockets.size() + " connections in CLOSE_WAIT held by " + who,
                    evidence,
                    "the peers closed these connections but the application never called close() on its side: "
                            + "a leak in its connection handling (an error path, a pool that drops connections)",
                    "fix the code path that abandons connections; restarting " + (p == null ? "the process" : "pid " + p.pid())
                            + " releases them now",
                    p == null ? List.of() : List.of(p)));
        }
    }

    private void acceptQueues(Map<String, OptionalLong> deltas, boolean overPeriod) {
        long overflows = deltas.getOrDefault("TcpExt.ListenOverflows", OptionalLong.empty()).orElse(0);
        String counters = deltas.isEmpty()
                ? "ListenOverflows, ListenDrops: not read (all listeners)"
                : "ListenOverflows " + amount(deltas, "TcpExt.ListenOverflows", overPeriod) + ", ListenDrops "
                        + amount(deltas, "TcpExt.ListenDrops", overPeriod) + (overPeriod ? "" : " since boot") + " (all listeners)";
        boolean named = false;
        for (Socket s : tcpIn(SocketState.LISTEN)) {
            long backlog = s.sendQueue();
            long waiting = s.receiveQueue();
            if (backlog <= 0 || waiting < Math.ceil(backlog * limits.queueNearFull())) {
                continue;
            }
            boolean full = waiting >= backlog;
            List<ProcessInfo> owners = snapshot.ownersOf(s);
            findings.add(new HealthFinding("accept-queue", full ? Level.CRITICAL : Level.WARNING,
                    "accept queue " + (full ? "full" : "nearly full") + " on " + AddressText.endpoint(s.local(), s.family()) + ownersText(owners),
                    List.of(waiting + " connections wait to be accepted; backlog " + backlog + (somaxconn.isPresent() ? " (net.core.somaxconn " + somaxconn.getAsInt() + ")" : ""), counters),
                    "the application accepts connections slower than they arrive, or has stopped accepting (blocked, overloaded, deadlocked); "
                            + "new connections are dropped or delayed once the queue is full",
                    "check that " + (owners.isEmpty() ? "the process" : "pid " + owners.getFirst().pid())
                            + " is still accepting (thread dumps, CPU); raise its listen() backlog and net.core.somaxconn if it is only slow",
                    owners));
            named = true;
        }
        if (!named && overPeriod && overflows > 0) {
            findings.add(new HealthFinding("accept-queue", Level.WARNING, "accept queues overflowed " + overflows + " times",
                    List.of(counters),
                    "a listener's queue was full for a moment: bursts of connections, or an application that accepts slowly",
                    "watch the listeners' queues (portscope listen shows Recv-Q against the backlog) during the bursts",
                    List.of()));
        }
    }

    private void unansweredSyns() {
        Map<String, List<Socket>> byPeer = new LinkedHashMap<>();
        for (Socket s : tcpIn(SocketState.SYN_SENT)) {
            TcpInfo info = s.tcpInfo();
            if (info == null || info.retransmits() > 0) {
                byPeer.computeIfAbsent(AddressText.endpoint(s.remote(), s.family()), k -> new ArrayList<>()).add(s);
            }
        }
        byPeer.forEach((peer, sockets) -> {
            int tries = sockets.stream().mapToInt(s -> s.tcpInfo() != null
                    ? s.tcpInfo().retransmits() : 0).max().orElse(0);
            List<ProcessInfo> owners = owners(sockets);
            findings.add(new HealthFinding("syn-sent", tries > 0 ? Level.WARNING : Level.INFO,
                    sockets.size() + " connection attempt" + (sockets.size() == 1 ? "" : "s") + " to " + peer + " unanswered" + ownersText(owners),
                    List.of(tries > 0 ? "SYN sent " + (tries + 1) + " times without an answer" : "in SYN_SENT (no TCP info: ask with the netlink backend)"),
                    "the peer is down or unreachable, or a firewall silently drops the packets (a refused port answers at once)",
                    "check the route and firewalls towards " + peer + "; portscope check " + peer + " tells open, closed and filtered apart",
                    owners));
        });
    }

    private void synFlood() {
        Map<Integer, List<Socket>> byPort = tcpIn(SocketState.SYN_RECV).stream().collect(Collectors.groupingBy(s -> s.local().port()));
        byPort.forEach((port, sockets) -> {
            if (sockets.size() < limits.synRecvPerPort()) {
                return;
            }
            findings.add(new HealthFinding("syn-recv", Level.WARNING,
                    sockets.size() + " half-open connections on port " + port,
                    List.of("from: " + top(sockets, s -> AddressText.of(s.remote().address(), s.family()), 5)),
                    "a SYN flood, or clients whose final ACK is lost",
                    "check net.ipv4.tcp_syncookies is 1 and, for a flood, filter the sources upstream",
                    List.of()));
        });
    }

    private void timeWait() {
        int rangeSize = settings.ephemeralLast() - settings.ephemeralFirst() + 1;
        Map<String, List<Socket>> byDestination = new LinkedHashMap<>();
        for (Socket s : tcpIn(SocketState.TIME_WAIT)) {
            if (settings.isEphemeral(s.local().port())) {
                String key = AddressText.of(s.local().address(), s.family()) + " -> " + AddressText.endpoint(s.remote(), s.family());
                byDestination.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            }
        }
        byDestination.forEach((path, sockets) -> {
            double share = (double) sockets.size() / rangeSize;
            if (share < limits.timeWaitShare()) {
                return;
            }
            findings.add(new HealthFinding("time-wait", share >= 0.8 ? Level.CRITICAL : Level.WARNING,
                    sockets.size() + " TIME_WAIT sockets on " + path + " hold " + Math.round(share * 100) + "% of the ephemeral ports",
                    List.of("ephemeral range " + settings.ephemeralFirst() + "-" + settings.ephemeralLast() + " (" + rangeSize + " ports); "
                            + "each TIME_WAIT keeps its port for 60 s towards this destination"),
                    "many short connections to one destination, closed from this side: once the range is used up, connect() fails with EADDRNOTAVAIL",
                    "reuse connections (keep-alive, pooling), widen net.ipv4.ip_local_port_range, or enable net.ipv4.tcp_tw_reuse",
                    List.of()));
        });
    }

    private void retransmissions() {
        List<Socket> stalled = new ArrayList<>();
        for (Socket s : tcpIn(SocketState.ESTABLISHED)) {
            TcpInfo info = s.tcpInfo();
            if (info != null && info.retransmits() > 0) {
                stalled.add(s);
            }
        }
        if (stalled.isEmpty()) {
            return;
        }
        findings.add(new HealthFinding("retransmissions", Level.WARNING,
                stalled.size() + " established connection" + (stalled.size() == 1 ? " is" : "s are") + " retransmitting unanswered data",
                List.of("peers: " + top(stalled, s -> AddressText.of(s.remote().address(), s.family()), 5)),
                "the peers stopped acknowledging: packet loss, a peer that hangs, or a path that went down",
                "check the peers and the network path; connections that keep failing are reset after net.ipv4.tcp_retries2",
                owners(stalled)));
    }

    private void slowAndIdle() {
        List<Socket> withInfo = tcpIn(SocketState.ESTABLISHED).stream()
                .filter(s -> s.tcpInfo() != null).toList();
        if (withInfo.isEmpty()) {
            return;
        }
        long[] rtts = withInfo.stream().mapToLong(s -> s.tcpInfo().rttMicros()).sorted().toArray();
        long median = rtts[rtts.length / 2];
        long limit = Math.max(limits.rttOutlier().toNanos() / 1000, median * 10);
        List<Socket> slow = withInfo.stream().filter(s -> s.tcpInfo().rttMicros() > limit).toList();
        if (!slow.isEmpty()) {
            findings.add(new HealthFinding("rtt", Level.INFO,
                    slow.size() + " connection" + (slow.size() == 1 ? " has" : "s have") + " round-trip times over " + limit / 1000 + " ms",
                    List.of("median " + median / 1000.0 + " ms over " + withInfo.size() + " connections",
                            "slowest peers: " + top(slow, s -> AddressText.of(s.remote().address(), s.family()), 5)),
                    "distant or congested peers, or a loaded host on either side",
                    "compare with the expected latency of these peers; persistent outliers point at the path or the peer",
                    owners(slow)));
        }
        long idleMillis = limits.idle().toMillis();
        List<Socket> idle = withInfo.stream().filter(s -> s.tcpInfo().lastSendMillis() >= idleMillis
                && s.tcpInfo().lastReceiveMillis() >= idleMillis).toList();
        if (!idle.isEmpty()) {
            findings.add(new HealthFinding("idle", Level.INFO,
                    idle.size() + " connection" + (idle.size() == 1 ? " has" : "s have") + " been silent both ways for over " + humanDuration(limits.idle()),
                    List.of("held by: " + top(idle, s -> ownersText(snapshot.ownersOf(s)).replaceFirst("^, ", ""), 5)),
                    "pooled connections kept open, or connections a peer abandoned without closing",
                    "make sure keep-alives or pool timeouts close them before a firewall or NAT drops them silently",
                    owners(idle)));
        }
    }

    private void resets(Map<String, OptionalLong> deltas, String period) {
        long established = known(deltas, "Tcp.EstabResets");
        long timeouts = known(deltas, "TcpExt.TCPAbortOnTimeout");
        long aborted = known(deltas, "TcpExt.TCPAbortOnData") + known(deltas, "TcpExt.TCPAbortOnClose");
        long sent = known(deltas, "Tcp.OutRsts");
        long failed = known(deltas, "Tcp.AttemptFails");
        if (established + timeouts + aborted + sent + failed == 0) {
            return;
        }
        List<String> evidence = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        deltas.forEach((name, value) -> {
            if (name.startsWith("Tcp.") || name.contains("Abort")) {
                if (value.isEmpty()) {
                    unknown.add(name);
                } else if (value.getAsLong() > 0) {
                    evidence.add(name + " +" + value.getAsLong() + ": " + COUNTERS.get(name));
                }
            }
        });
        if (!unknown.isEmpty()) {
            evidence.add("not counted (unknown, not 0): " + String.join(", ", unknown));
        }
        Level level = established + timeouts > 0 ? Level.WARNING : Level.INFO;
        findings.add(new HealthFinding("resets", level,
                "connections reset or aborted " + period + ": " + amount(deltas, "Tcp.EstabResets") + " established reset, "
                        + amount(deltas, "TcpExt.TCPAbortOnTimeout") + " timed out, "
                        + (unknownCount(deltas, "TcpExt.TCPAbortOnData") && unknownCount(deltas, "TcpExt.TCPAbortOnClose") ? "?" : aborted)
                        + " aborted by applications, " + amount(deltas, "Tcp.OutRsts") + " resets sent",
                evidence,
                "established resets: peers or middleboxes ending connections abruptly; timeouts: peers that vanished; "
                        + "resets sent alone: connections to closed ports or applications closing with unread data",
                "if established resets or timeouts grow, find the connections concerned while it happens (portscope conns, ss -ti) "
                        + "and the peers that reset them",
                List.of()));
    }

    /** A counter's growth, 0 when it is unknown: for sums and comparisons only, never for display. */
    private static long known(Map<String, OptionalLong> deltas, String name) {
        return deltas.getOrDefault(name, OptionalLong.empty()).orElse(0);
    }

    private static boolean unknownCount(Map<String, OptionalLong> deltas, String name) {
        return deltas.getOrDefault(name, OptionalLong.empty()).isEmpty();
    }

    /** A counter for display: its value, or {@code ?} when unknown. */
    private static String amount(Map<String, OptionalLong> deltas, String name) {
        OptionalLong value = deltas.getOrDefault(name, OptionalLong.empty());
        return value.isPresent() ? Long.toString(value.getAsLong()) : "?";
    }

    /** As {@link #amount(Map, String)}, signed over a period: {@code +3}; {@code unknown} when it could not be counted. */
    private static String amount(Map<String, OptionalLong> deltas, String name, boolean overPeriod) {
        OptionalLong value = deltas.getOrDefault(name, OptionalLong.empty());
        return value.isPresent() ? (overPeriod ? "+" : "") + value.getAsLong() : "unknown";
    }

    private static String humanDuration(Duration d) {
        return d.toMinutes() >= 60 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    private List<ProcessInfo> owners(List<Socket> sockets) {
        Map<Integer, ProcessInfo> found = new LinkedHashMap<>();
        for (Socket s : sockets) {
            for (ProcessInfo p : snapshot.ownersOf(s)) {
                found.putIfAbsent(p.pid(), p);
            }
        }
        return List.copyOf(found.values());
    }

    private static String ownersText(List<ProcessInfo> owners) {
        if (owners.isEmpty()) {
            return "";
        }
        return ", " + owners.getFirst().name() + " (pid " + owners.getFirst().pid() + ")"
                + (owners.size() > 1 ? " and " + (owners.size() - 1) + " more" : "");
    }

    /** The most frequent values with their counts: {@code 10.0.0.5 (40), 10.0.0.6 (2)}. */
    private static String top(List<Socket> sockets, Function<Socket, String> key, int limit) {
        Map<String, Long> counts = sockets.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.counting()));
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        String shown = sorted.stream().limit(limit).map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
        return sorted.size() > limit ? shown + ", … " + (sorted.size() - limit) + " more" : shown;
    }

    private static Map<String, String> counters() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("Tcp.EstabResets", "established connections reset (RST received or sent)");
        c.put("Tcp.AttemptFails", "connection attempts that failed (refused, reset during the handshake)");
        c.put("Tcp.OutRsts", "resets sent");
        c.put("TcpExt.TCPAbortOnData", "connections closed with unread data (reset by this host)");
        c.put("TcpExt.TCPAbortOnClose", "connections closed by the application with data pending");
        c.put("TcpExt.TCPAbortOnTimeout", "connections given up after retransmission timeouts");
        c.put("TcpExt.TCPAbortOnLinger", "connections reset by SO_LINGER with timeout 0");
        c.put("TcpExt.ListenOverflows", "connections dropped because an accept queue was full");
        c.put("TcpExt.ListenDrops", "connections dropped at a listener (overflows included)");
        c.put("TcpExt.SyncookiesSent", "SYN cookies sent (a listener's SYN queue overflowed)");
        return java.util.Collections.unmodifiableMap(c);
    }
}
