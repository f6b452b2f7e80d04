package dev.portscope.platform.linux.netlink;

import static dev.portscope.platform.linux.netlink.NetlinkSocketSourceLiveTest.keys;
import static dev.portscope.platform.linux.netlink.NetlinkSocketSourceLiveTest.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.linux.ProcNetSocketSource;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two backends, one machine: they must agree, apart from what /proc cannot show and sockets that come and go. */
@Tag("live")
class NetlinkVersusProcTest {

    private final NetlinkSocketSource netlink = new NetlinkSocketSource(Path.of("/proc"));
    private final ProcNetSocketSource proc = new ProcNetSocketSource(Path.of("/proc"));

    @BeforeAll
    static void needsNetlink() {
        assumeTrue(NetlinkSocketSource.unavailableReason().isEmpty(), () -> "no netlink here: " + NetlinkSocketSource.unavailableReason());
    }

    @Test
    void ownSocketsAreTheSameExceptTheBoundOneProcCannotSee() throws Exception {
        try (OwnSockets own = OwnSockets.open()) {
            List<Socket> byNetlink = own.ours(scan(netlink, SocketQuery.all(), new DiagnosticLog()));
            List<Socket> byProc = own.ours(scan(proc, SocketQuery.all(), new DiagnosticLog()));

            OwnSockets.Expected bound = own.named("tcp bound, not listening");
            assertThat(byProc).as("/proc/net/tcp lists no bound-only socket").noneMatch(bound::matches);
            assertThat(byNetlink).anyMatch(bound::matches);

            List<Socket> netlinkComparable = byNetlink.stream().filter(s -> !bound.matches(s)).toList();
            assertThat(keys(byProc)).containsExactlyInAnyOrderElementsOf(keys(netlinkComparable));
            assertThat(byProc).hasSize(own.expected.size() - 1);
            // and the same inodes, uids and namespace
            assertThat(byProc.stream().map(s -> s.linux().inode() + "/" + s.uid() + "/" + s.linux().netns()).toList())
                    .containsExactlyInAnyOrderElementsOf(netlinkComparable.stream().map(s -> s.linux().inode() + "/" + s.uid() + "/" + s.linux().netns()).toList());
        }
    }

    @Test
    void overTheWholeTableTheyDifferOnlyByChurn() {
        // netlink, then /proc, then netlink again: a socket /proc saw that neither netlink scan saw came
        // and went between them, and so did a stable netlink socket that /proc missed. Other programs
        // may open and close thousands of sockets at once, so a burst gets up to three tries.
        Comparison last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            last = compareOnce();
            if (last.withinChurn()) {
                break;
            }
        }
        assertThat(last.onlyProc()).as("seen by /proc only (of %d)", last.procSize()).hasSizeLessThanOrEqualTo(last.allowed());
        assertThat(last.onlyNetlink()).as("seen by both netlink scans, not by /proc (of %d)", last.procSize())
                .hasSizeLessThanOrEqualTo(last.allowed());
    }

    record Comparison(Set<String> onlyProc, Set<String> onlyNetlink, int procSize) {
        int allowed() {
            return 10 + procSize / 100;
        }

        boolean withinChurn() {
            return onlyProc.size() <= allowed() && onlyNetlink.size() <= allowed();
        }
    }

    private Comparison compareOnce() {
        Set<String> first = new HashSet<>(keys(scan(netlink, SocketQuery.all(), new DiagnosticLog())));
        Set<String> byProc = new HashSet<>(keys(scan(proc, SocketQuery.all(), new DiagnosticLog())));
        Set<String> second = new HashSet<>(keys(scan(netlink, SocketQuery.all(), new DiagnosticLog())));

        Set<String> onlyProc = new HashSet<>(byProc);
        onlyProc.removeAll(first);
        onlyProc.removeAll(second);

        Set<String> stable = new HashSet<>(first);
        stable.retainAll(second);
        // /proc/net/tcp* never lists TCP sockets in CLOSE (bound-only ones live in the bind hash only)
        stable.removeIf(k -> k.startsWith(Protocol.TCP + " ") && k.contains(" " + SocketState.CLOSE + " "));
        Set<String> onlyNetlink = new HashSet<>(stable);
        onlyNetlink.removeAll(byProc);
        return new Comparison(onlyProc, onlyNetlink, byProc.size());
    }
}
