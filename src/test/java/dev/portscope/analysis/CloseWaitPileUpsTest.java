package dev.portscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portscope.analysis.CloseWaitPileUps.Holder;
import dev.portscope.analysis.CloseWaitPileUps.PileUp;
import dev.portscope.analysis.audit.Auditor;
import dev.portscope.analysis.audit.Policy;
import dev.portscope.analysis.audit.Thresholds;
import dev.portscope.analysis.health.HealthAnalyzer;
import dev.portscope.analysis.health.HealthFinding;
import dev.portscope.analysis.health.HealthThresholds;
import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.OwnerIndex;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.platform.PortSettings;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** One rule for CLOSE_WAIT, whoever asks: at least N per holder, counted for every holder of a socket. */
class CloseWaitPileUpsTest {

    private static final ProcessInfo PARENT = new ProcessInfo(100, 1, "server", List.of("server"), 0, "root", null);
    private static final ProcessInfo WORKER = new ProcessInfo(101, 100, "server", List.of("server"), 0, "root", null);
    private static final ProcessInfo OTHER = new ProcessInfo(200, 1, "client", List.of("client"), 0, "root", null);

    private final List<Socket> sockets = new ArrayList<>();
    private final Map<Integer, ProcessInfo> processes = new HashMap<>();
    private final List<long[]> holdings = new ArrayList<>(); // {key, pid}
    private long inode = 5000;

    /** {@code count} sockets in CLOSE_WAIT, each held by every one of {@code holders}; inode 0 when {@code accepted} is false. */
    private void closeWait(int count, boolean accepted, ProcessInfo... holders) throws Exception {
        for (int i = 0; i < count; i++) {
            long key = accepted ? inode++ : 0;
            sockets.add(new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(InetAddress.getByName("127.0.0.1"), 8080),
                    new Endpoint(InetAddress.getByName("10.0.0.9"), 40000 + sockets.size()), SocketState.CLOSE_WAIT, 0, key, 0, 0, null, null));
            for (ProcessInfo p : holders) {
                processes.put(p.pid(), p);
                holdings.add(new long[] {key, p.pid()});
            }
        }
    }

    private Snapshot snapshot() {
        OwnerIndex.Builder owners = new OwnerIndex.Builder();
        holdings.forEach(h -> owners.add(h[0], (int) h[1]));
        return new Snapshot(Instant.EPOCH, "test-host", sockets, processes, owners.build(), List.of());
    }

    @Test
    void theThresholdItselfIsAPileUpAndTenTimesItIsCritical() throws Exception {
        closeWait(3, true, OTHER);
        assertThat(CloseWaitPileUps.find(snapshot(), 3)).singleElement().satisfies(p -> {
            assertThat(p.holder()).isEqualTo(new Holder.Process(OTHER));
            assertThat(p.count()).isEqualTo(3);
            assertThat(p.critical()).isFalse();
        });
        assertThat(CloseWaitPileUps.find(snapshot(), 4)).isEmpty();
        assertThat(CloseWaitPileUps.find(snapshot(), 1)).singleElement().satisfies(p -> assertThat(p.critical()).isFalse());
        closeWait(7, true, OTHER);
        assertThat(CloseWaitPileUps.find(snapshot(), 1)).singleElement().satisfies(p -> assertThat(p.critical()).isTrue());
    }

    @Test
    void aSocketSharedAfterForkCountsForEveryHolder() throws Exception {
        closeWait(4, true, PARENT, WORKER);
        assertThat(CloseWaitPileUps.find(snapshot(), 4)).extracting(PileUp::holder)
                .containsExactly(new Holder.Process(PARENT), new Holder.Process(WORKER));
    }

    @Test
    void socketsWithoutAVisibleHolderAreGroupedApart() throws Exception {
        closeWait(2, true);   // held by processes that cannot be read
        closeWait(2, false);  // never accepted
        assertThat(CloseWaitPileUps.find(snapshot(), 2)).extracting(PileUp::holder)
                .containsExactly(new Holder.Hidden(), new Holder.NeverAccepted());
    }

    @Test
    void auditAndHealthJudgeTheSameSnapshotAlike() throws Exception {
        closeWait(10, true, PARENT, WORKER);
        closeWait(9, true, OTHER);
        Snapshot snapshot = snapshot();

        var policy = new Policy(List.of(), List.of(), List.of(), Thresholds.DEFAULT, Map.of());
        List<String> audited = Auditor.audit(snapshot, Optional.of(policy), Optional.empty()).findings().stream()
                .filter(f -> f.rule().id().equals("PS006")).map(f -> f.processes().getFirst().pid() + " " + f.severity()).toList();
        List<HealthFinding> health = HealthAnalyzer.analyze(snapshot, PortSettings.DEFAULTS, OptionalInt.empty(), null, null, null,
                HealthThresholds.DEFAULTS).findings().stream().filter(f -> f.check().equals("close-wait")).toList();

        assertThat(audited).containsExactly("100 WARNING", "101 WARNING");
        assertThat(health).extracting(f -> f.processes().getFirst().pid() + " " + f.level()).containsExactly("100 WARNING", "101 WARNING");
        assertThat(Thresholds.DEFAULT.closeWaitPerProcess()).isEqualTo(HealthThresholds.DEFAULTS.closeWaitPerProcess()).isEqualTo(10);
    }

    @Test
    void aThresholdBelowOneIsRefused() {
        assertThatThrownBy(() -> new Thresholds(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CloseWaitPileUps.find(snapshot(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
