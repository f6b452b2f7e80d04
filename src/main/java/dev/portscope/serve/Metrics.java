package dev.portscope.serve;

import dev.portscope.analysis.audit.Finding;
import dev.portscope.analysis.audit.PortMatch;
import dev.portscope.analysis.audit.Policy;
import dev.portscope.model.AddressText;
import dev.portscope.model.Exposure;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.platform.TcpCounters;
import dev.portscope.services.ServiceTable;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * The metric families of one collection, a pure function of it (README, "serve"): listeners as
 * info series, sockets per protocol, family and state, connections and CLOSE_WAIT per process,
 * accept queues, audit findings, required listeners, the kernel's TCP counters and the cost of the
 * collection. Connections are always aggregated, never one series per remote port; the series that
 * grow with the machine share a {@link SeriesBudget}. Series are sorted by their labels, so that the
 * exposition of a machine is the same from one scrape to the next.
 */
final class Metrics {

    static final String LISTENER = "portscope_listener";
    static final String PROCESS_CONNECTIONS = "portscope_process_connections";
    static final String PROCESS_CLOSE_WAIT = "portscope_process_close_wait_connections";
    static final String ACCEPT_QUEUE = "portscope_listener_accept_queue";
    static final String ACCEPT_QUEUE_LIMIT = "portscope_listener_accept_queue_limit";

    /** The kernel's counters exported, by their name in {@code /proc/net/snmp} and {@code /proc/net/netstat}. */
    private static final Map<String, String[]> KERNEL_COUNTERS = kernelCounters();

    private final ServiceTable services;
    private final IntFunction<String> userNames;
    private final Optional<Policy> policy;

    Metrics(ServiceTable services, IntFunction<String> userNames, Optional<Policy> policy) {
        this.services = services;
        this.userNames = userNames;
        this.policy = policy;
    }

    private static Map<String, String[]> kernelCounters() {
        Map<String, String[]> m = new java.util.LinkedHashMap<>();
        m.put("Tcp.EstabResets", new String[] {"portscope_tcp_established_resets",
            "Connections reset from ESTABLISHED or CLOSE_WAIT, since boot (Tcp EstabResets)."});
        m.put("Tcp.OutRsts", new String[] {"portscope_tcp_resets_sent", "TCP segments sent with RST, since boot (Tcp OutRsts)."});
        m.put("Tcp.AttemptFails", new String[] {"portscope_tcp_attempt_fails",
            "Connection attempts that failed (SYN_SENT or SYN_RECV to CLOSED or LISTEN), since boot (Tcp AttemptFails)."});
        m.put("Tcp.RetransSegs", new String[] {"portscope_tcp_retransmitted_segments",
            "TCP segments retransmitted, since boot (Tcp RetransSegs)."});
        m.put("TcpExt.ListenOverflows", new String[] {"portscope_tcp_listen_overflows",
            "Connections dropped because a listener's accept queue was full, since boot (TcpExt ListenOverflows)."});
        m.put("TcpExt.ListenDrops", new String[] {"portscope_tcp_listen_drops",
            "Connection requests a listener dropped, for any reason, since boot (TcpExt ListenDrops)."});
        return m;
    }

    /** Everything collected, in exposition order. */
    List<MetricSnapshot> of(Collection collection, SeriesBudget budget) {
        Snapshot snapshot = collection.refresh().snapshot();
        List<MetricSnapshot> families = new ArrayList<>();
        families.add(listeners(snapshot, budget));
        families.add(acceptQueues(snapshot, budget, false));
        families.add(acceptQueues(snapshot, budget, true));
        families.add(sockets(snapshot));
        families.addAll(processes(snapshot, budget));
        families.add(findings(collection));
        policy.filter(p -> !p.require().isEmpty()).ifPresent(p -> families.add(required(snapshot, p)));
        collection.counters().ifPresent(c -> families.addAll(kernel(c)));
        families.addAll(cost(collection));
        return families;
    }

    private InfoSnapshot listeners(Snapshot snapshot, SeriesBudget budget) {
        TreeMap<Labels, Boolean> series = new TreeMap<>();
        for (Socket s : snapshot.sockets()) {
            if (!s.isListening()) {
                continue;
            }
            List<ProcessInfo> owners = snapshot.ownersOf(s);
            Labels labels = Labels.of(
                    "protocol", s.protocol().label(),
                    "address", address(s),
                    "port", Integer.toString(s.local().port()),
                    "service", services.lookup(s.protocol(), s.local().port()).map(x -> x.name()).orElse(""),
                    "exposure", name(Exposure.of(s.local())),
                    "process", joined(owners.stream().map(ProcessInfo::name).toList()),
                    "user", s.uidKnown() ? userNames.apply(s.uid()) : "");
            series.put(labels, true);
        }
        var builder = InfoSnapshot.builder().name(LISTENER)
                .help("A socket waiting for peers (TCP LISTEN, unconnected UDP): where it is bound, how far it is exposed, who holds it.");
        for (Labels labels : series.keySet()) {
            if (budget.take(LISTENER + "_info")) {
                builder.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(labels).build());
            }
        }
        return builder.build();
    }

    private GaugeSnapshot acceptQueues(Snapshot snapshot, SeriesBudget budget, boolean limit) {
        TreeMap<Labels, Long> series = new TreeMap<>();
        for (Socket s : snapshot.sockets()) {
            if (s.protocol() != Protocol.TCP || s.state() != SocketState.LISTEN
                    || (limit ? s.sendQueue() <= 0 : s.receiveQueue() == Socket.UNKNOWN_QUEUE)) {
                continue;
            }
            Labels labels = Labels.of("address", address(s), "port", Integer.toString(s.local().port()));
            series.merge(labels, limit ? s.sendQueue() : s.receiveQueue(), Long::sum);
        }
        String name = limit ? ACCEPT_QUEUE_LIMIT : ACCEPT_QUEUE;
        var builder = GaugeSnapshot.builder().name(name).help(limit
                ? "The backlog of a TCP listener: how many connections its accept queue holds (netlink only)."
                : "Connections a TCP listener has waiting to be accepted.");
        series.forEach((labels, value) -> {
            if (budget.take(name)) {
                builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
            }
        });
        return builder.build();
    }

    private static GaugeSnapshot sockets(Snapshot snapshot) {
        TreeMap<Labels, Long> counts = new TreeMap<>();
        for (Socket s : snapshot.sockets()) {
            counts.merge(Labels.of("protocol", s.protocol().label(), "family", s.family().label(), "state", s.state().name()), 1L,
                    Long::sum);
        }
        var builder = GaugeSnapshot.builder().name("portscope_sockets").help("Sockets by protocol, address family and kernel state.");
        counts.forEach((labels, n) -> builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(n).build()));
        return builder.build();
    }

    /**
     * Connections (sockets with a peer) and those in CLOSE_WAIT per process name and user: a socket
     * shared by several processes of one name counts once for them. Pids are left out: each restart
     * would make new series.
     */
    private static List<MetricSnapshot> processes(Snapshot snapshot, SeriesBudget budget) {
        TreeMap<Labels, long[]> counts = new TreeMap<>();
        for (Socket s : snapshot.sockets()) {
            if (s.isListening() || s.remote().port() == 0) {
                continue;
            }
            TreeSet<Labels> holders = new TreeSet<>();
            for (ProcessInfo p : snapshot.ownersOf(s)) {
                holders.add(Labels.of("process", p.name(), "user", p.user() == null ? "" : p.user()));
            }
            for (Labels holder : holders) {
                long[] c = counts.computeIfAbsent(holder, k -> new long[2]);
                c[0]++;
                if (s.state() == SocketState.CLOSE_WAIT) {
                    c[1]++;
                }
            }
        }
        var all = GaugeSnapshot.builder().name(PROCESS_CONNECTIONS)
                .help("Connections (TCP sockets with a peer, connected UDP sockets) held by processes of this name and user.");
        var closeWait = GaugeSnapshot.builder().name(PROCESS_CLOSE_WAIT)
                .help("TCP connections in CLOSE_WAIT (closed by the peer, not yet by the program) held by processes of this name and user.");
        counts.forEach((labels, c) -> {
            if (budget.take(PROCESS_CONNECTIONS)) {
                all.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(c[0]).build());
            }
        });
        counts.forEach((labels, c) -> {
            if (c[1] > 0 && budget.take(PROCESS_CLOSE_WAIT)) {
                closeWait.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(c[1]).build());
            }
        });
        return List.of(all.build(), closeWait.build());
    }

    private static GaugeSnapshot findings(Collection collection) {
        TreeMap<Labels, Long> counts = new TreeMap<>();
        for (Finding f : collection.audit().findings()) {
            counts.merge(Labels.of("rule", f.rule().id(), "severity", f.severity().label()), 1L, Long::sum);
        }
        var builder = GaugeSnapshot.builder().name("portscope_audit_findings")
                .help("Findings of portscope audit (with the policy of --policy) by rule and severity; none when a rule finds nothing.");
        counts.forEach((labels, n) -> builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(n).build()));
        return builder.build();
    }

    private static GaugeSnapshot required(Snapshot snapshot, Policy policy) {
        TreeMap<Labels, Double> up = new TreeMap<>();
        for (PortMatch required : policy.require()) {
            boolean listening = snapshot.sockets().stream().anyMatch(s -> s.isListening() && required.matches(s));
            up.merge(Labels.of("protocol", required.protocol() == null ? "any" : required.protocol().label(),
                    "port", required.ports().toString()), listening ? 1.0 : 0.0, Math::max);
        }
        var builder = GaugeSnapshot.builder().name("portscope_policy_required_listener_up")
                .help("1 when something listens on a port the policy requires, 0 when nothing does.");
        up.forEach((labels, v) -> builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(v).build()));
        return builder.build();
    }

    private static List<MetricSnapshot> kernel(TcpCounters counters) {
        List<MetricSnapshot> families = new ArrayList<>();
        KERNEL_COUNTERS.forEach((counter, nameAndHelp) -> counters.get(counter).ifPresent(value -> families.add(
                CounterSnapshot.builder().name(nameAndHelp[0]).help(nameAndHelp[1])
                        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build())));
        return families;
    }

    private static List<MetricSnapshot> cost(Collection c) {
        List<MetricSnapshot> families = new ArrayList<>();
        families.add(gauge("portscope_collection_duration_seconds", Unit.SECONDS,
                "How long the collection behind this scrape took (sockets, owners, audit).", c.wallTime().toNanos() / 1e9));
        if (c.cpuTime() != null) {
            families.add(gauge("portscope_collection_cpu_seconds", Unit.SECONDS,
                    "The CPU time the collection behind this scrape took on its thread.", c.cpuTime().toNanos() / 1e9));
        }
        families.add(gauge("portscope_collection_timestamp_seconds", Unit.SECONDS,
                "When the sockets of this scrape were read (Unix time; a replay: when recorded).",
                c.refresh().time().toEpochMilli() / 1e3));
        families.add(gauge("portscope_collection_partial", null,
                "1 when part of the answer is missing (not root: owners hidden; see portscope listen), else 0.",
                c.refresh().snapshot().partial() ? 1 : 0));
        return families;
    }

    static GaugeSnapshot gauge(String name, Unit unit, String help, double value) {
        var builder = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) {
            builder.unit(unit);
        }
        return builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    /** The bind address as JSON writes it, with the interface a socket is bound to: {@code 0.0.0.0%lo}. */
    static String address(Socket s) {
        String text = AddressText.of(s.local().address(), s.family());
        return s.local().device() == null ? text : text + "%" + s.local().device().text();
    }

    /** Distinct values, sorted, joined by commas; empty when none. */
    private static String joined(List<String> values) {
        return String.join(",", new TreeSet<>(values));
    }

    private static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
