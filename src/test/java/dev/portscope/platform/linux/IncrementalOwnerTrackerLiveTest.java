package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Socket;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import dev.portscope.platform.OwnerTracker;
import dev.portscope.platform.Platforms;
import dev.portscope.query.SocketQuery;
import dev.portscope.testing.ChildProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The incremental tracker on this machine, with a real process tree that forks, hands a listener
 * over {@code SCM_RIGHTS}, exits, connects and swaps a socket for a file: after every step its
 * owners of the tree's sockets equal a full scan's.
 */
@Tag("live")
class IncrementalOwnerTrackerLiveTest {

    private static final Path PROC = Path.of("/proc");
    private static final List<String> STEPS = List.of("listen", "fork", "hand-over", "exit-first", "connect", "swap", "exit-second");

    @Test
    void everyStepOfARealProcessTreeEqualsAFullScan() throws Exception {
        ProcDescriptorTables tables = ProcDescriptorTables.open(PROC);
        Assumptions.assumeTrue(tables != null, "this kernel does not count descriptors in stat (Linux 6.2+)");
        String script = Path.of("src/test/resources/scripts/descriptor-churn.py").toAbsolutePath().toString();
        try (IncrementalOwnerTracker tracker = new IncrementalOwnerTracker(tables);
                ChildProcess tree = ChildProcess.start(List.of("python3", script))) {
            Set<Integer> family = new TreeSet<>(List.of((int) tree.pid()));
            tracker.update(sockets(), new DiagnosticLog());
            for (String step : STEPS) {
                assertThat(tree.ask(step)).isEqualTo("done " + step);
                ProcessHandle.of(tree.pid()).ifPresent(p -> p.children().forEach(c -> family.add((int) c.pid())));
                List<Socket> sockets = sockets();
                OwnerTracker.Update update = tracker.update(sockets, new DiagnosticLog());
                OwnerScan full = new FdOwnerScanner(PROC, new FdOwnerScanner.Settings(1)).scan(null, new DiagnosticLog());
                Set<Long> compared = new TreeSet<>();
                for (Socket socket : sockets) {
                    Set<Integer> expected = pids(full.owners().pidsOf(socket.key()));
                    Set<Integer> found = pids(update.scan().owners().pidsOf(socket.key()));
                    if (expected.stream().anyMatch(family::contains) || found.stream().anyMatch(family::contains)) {
                        compared.add(socket.key());
                        assertThat(found)
                                .as("after %s: holders of socket %d", step, socket.key())
                                .isEqualTo(expected);
                    }
                }
                if (!step.equals("exit-second")) {
                    assertThat(compared).as("after %s: the tree holds sockets", step).isNotEmpty();
                }
            }
        }
    }

    private static List<Socket> sockets() {
        List<Socket> sockets = new ArrayList<>();
        Platforms.live().backend("auto", false).sockets().scan(SocketQuery.all(), new DiagnosticLog(), sockets::add);
        return sockets;
    }

    private static Set<Integer> pids(int[] pids) {
        Set<Integer> set = new TreeSet<>();
        Arrays.stream(pids).forEach(set::add);
        return set;
    }
}
