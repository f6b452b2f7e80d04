package dev.portscope.analysis.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.platform.PortSettings;
import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.OwnerIndex;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.LinuxSocket;
import dev.portscope.model.SocketState;
import dev.portscope.model.TcpInfo;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The diagnoses that need kernel states a test cannot produce on loopback in reasonable time
 * (retransmitting peers, slow paths, hour-long silences, floods), judged from constructed sockets.
 */
class HealthAnalyzerTest {

    private static final ProcessInfo APP = new ProcessInfo(42, 1, "app", List.of("app"), 0, "root", null);

    private static Socket socket(SocketState state, String remote, int localPort, TcpInfo info, long inode) throws Exception {
        return new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(InetAddress.getByName("10.0.0.1"), localPort),
                new Endpoint(InetAddress.getByName(remote), 443), state, 0, inode, 0, 0, null, new LinuxSocket(inode, 0, 0, info, null));
    }

    private static TcpInfo info(long rttMicros, int retransmits, long idleMillis) {
        return new TcpInfo(rttMicros, rttMicros / 2, retransmits, retransmits, 10, 1000, 1000, idleMillis, idleMillis);
    }

    private static HealthReport analyze(List<Socket> sockets) {
        OwnerIndex.Builder owners = new OwnerIndex.Builder();
        sockets.forEach(s -> owners.add(s.key(), APP.pid()));
        Snapshot snapshot = new Snapshot(Instant.EPOCH, "host", sockets, Map.of(APP.pid(), APP), owners.build(), List.of());
        return HealthAnalyzer.analyze(snapshot, PortSettings.DEFAULTS, java.util.OptionalInt.of(4096), null, null, null, HealthThresholds.DEFAULTS);
    }

    private static HealthFinding only(HealthReport report, String check) {
        List<HealthFinding> found = report.findings().stream().filter(f -> f.check().equals(check)).toList();
        assertThat(found).as(check + " in " + report.findings()).hasSize(1);
        return found.getFirst();
    }

    @Test
    void retransmittingConnectionsAreAWarningNamingPeersAndProcess() throws Exception {
        HealthReport report = analyze(List.of(
                socket(SocketState.ESTABLISHED, "192.0.2.10", 50000, info(20_000, 3, 100), 1),
                socket(SocketState.ESTABLISHED, "192.0.2.11", 50001, info(20_000, 0, 100), 2)));
        HealthFinding f = only(report, "retransmissions");
        assertThat(f.level()).isEqualTo(Level.WARNING);
        assertThat(f.what()).isEqualTo("1 established connection is retransmitting unanswered data");
        assertThat(f.evidence()).containsExactly("peers: 192.0.2.10 (1)");
        assertThat(f.processes()).containsExactly(APP);
    }

    @Test
    void roundTripOutliersAreAboveTenTimesTheMedianAndTheFloor() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            sockets.add(socket(SocketState.ESTABLISHED, "192.0.2.20", 50000 + i, info(1_000, 0, 10), 10 + i));
        }
        sockets.add(socket(SocketState.ESTABLISHED, "198.51.100.7", 50100, info(450_000, 0, 10), 99));
        sockets.add(socket(SocketState.ESTABLISHED, "198.51.100.8", 50101, info(150_000, 0, 10), 98)); // under the 200 ms floor
        HealthFinding f = only(analyze(sockets), "rtt");
        assertThat(f.what()).isEqualTo("1 connection has round-trip times over 200 ms");
        assertThat(f.evidence()).contains("slowest peers: 198.51.100.7 (1)");
    }

    @Test
    void connectionsSilentBothWaysForAnHourAreNoted() throws Exception {
        HealthReport report = analyze(List.of(
                socket(SocketState.ESTABLISHED, "192.0.2.30", 50000, info(1_000, 0, 2 * 3_600_000L), 1),
                socket(SocketState.ESTABLISHED, "192.0.2.31", 50001, info(1_000, 0, 60_000), 2)));
        HealthFinding f = only(report, "idle");
        assertThat(f.level()).isEqualTo(Level.INFO);
        assertThat(f.what()).isEqualTo("1 connection has been silent both ways for over 1 h");
    }

    @Test
    void manyHalfOpenConnectionsOnOnePortLookLikeAFlood() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sockets.add(new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(InetAddress.getByName("10.0.0.1"), 443),
                    new Endpoint(InetAddress.getByName("203.0.113." + (i % 50)), 40000 + i), SocketState.SYN_RECV, 0, 0, 0, 0, null, null));
        }
        HealthFinding f = only(analyze(sockets), "syn-recv");
        assertThat(f.what()).isEqualTo("100 half-open connections on port 443");
        assertThat(analyze(sockets.subList(0, 99)).findings()).noneMatch(x -> x.check().equals("syn-recv"));
    }

    /** A listener whose accept queue is full: 5 of a backlog of 5 wait. */
    private static Socket fullListener() throws Exception {
        return new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(InetAddress.getByName("127.0.0.1"), 8080),
                new Endpoint(InetAddress.getByName("0.0.0.0"), 0), SocketState.LISTEN, 0, 7, 5, 5, null, new LinuxSocket(7, 0, 0, null, null));
    }

    private static Snapshot snapshotOf(List<Socket> sockets) {
        return new Snapshot(Instant.EPOCH, "host", sockets, Map.of(), OwnerIndex.empty(), List.of());
    }

    @Test
    void unreadCountersAreNotZeroSinceBoot() throws Exception {
        HealthReport report = HealthAnalyzer.analyze(snapshotOf(List.of(fullListener())), PortSettings.DEFAULTS,
                java.util.OptionalInt.empty(), null, null, null, HealthThresholds.DEFAULTS);
        assertThat(report.countersRead()).isFalse();
        assertThat(only(report, "accept-queue").evidence()).contains("ListenOverflows, ListenDrops: not read (all listeners)");
    }

    @Test
    void aCounterThisKernelLacksIsUnknownNotZero() throws Exception {
        var now = new dev.portscope.platform.TcpCounters(Instant.EPOCH, Map.of("TcpExt.ListenOverflows", 4L, "Tcp.OutRsts", 9L));
        HealthReport report = HealthAnalyzer.analyze(snapshotOf(List.of(fullListener())), PortSettings.DEFAULTS,
                java.util.OptionalInt.empty(), now, null, null, HealthThresholds.DEFAULTS);
        assertThat(report.counterDeltas().get("TcpExt.ListenOverflows")).hasValue(4);
        assertThat(report.counterDeltas().get("TcpExt.ListenDrops")).isEmpty();
        assertThat(report.uncountedCounters()).contains("TcpExt.ListenDrops").doesNotContain("Tcp.OutRsts");
        assertThat(only(report, "accept-queue").evidence())
                .contains("ListenOverflows 4, ListenDrops unknown since boot (all listeners)");
    }

    @Test
    void resetsNameTheCountersThatCouldNotBeCounted() throws Exception {
        var earlier = new dev.portscope.platform.TcpCounters(Instant.EPOCH, Map.of("Tcp.EstabResets", 1L, "Tcp.OutRsts", 1L));
        var now = new dev.portscope.platform.TcpCounters(Instant.EPOCH.plusSeconds(5), Map.of("Tcp.EstabResets", 3L, "Tcp.OutRsts", 2L));
        HealthReport report = HealthAnalyzer.analyze(snapshotOf(List.of()), PortSettings.DEFAULTS,
                java.util.OptionalInt.empty(), now, earlier, "over 5 s", HealthThresholds.DEFAULTS);
        HealthFinding resets = only(report, "resets");
        assertThat(resets.what()).isEqualTo("connections reset or aborted over 5 s: 2 established reset, ? timed out, "
                + "? aborted by applications, 1 resets sent");
        assertThat(resets.evidence()).anySatisfy(e -> assertThat(e).startsWith("not counted (unknown, not 0): Tcp.AttemptFails, "));
    }

    @Test
    void aQuietMachineHasNoFinding() throws Exception {
        HealthReport report = analyze(List.of(socket(SocketState.ESTABLISHED, "192.0.2.40", 50000, info(1_000, 0, 10), 1)));
        assertThat(report.findings()).isEmpty();
        assertThat(report.worst()).isNull();
        assertThat(report.states()).containsExactly(Map.entry("ESTAB", 1L));
    }
}
