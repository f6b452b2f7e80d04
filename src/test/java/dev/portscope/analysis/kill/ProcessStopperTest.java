package dev.portscope.analysis.kill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessStatus;
import dev.portscope.platform.Platforms;
import dev.portscope.platform.ProcessSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The checks made when signalling, on a scripted process table; then the live one against pid reuse. */
class ProcessStopperTest {

    private static final Instant PLANNED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private static ProcessInfo planned(Instant start) {
        return new ProcessInfo(4321, 1, "server", List.of("/bin/server"), 1000, "alice", start);
    }

    /** Answers status with each scripted state in turn, the last one from then on; records the signals asked for. */
    private static final class ScriptedProcesses implements ProcessControl {
        private final Deque<ProcessStatus> statuses;
        private final List<String> signals = new ArrayList<>();

        ScriptedProcesses(ProcessStatus... statuses) {
            this.statuses = new ArrayDeque<>(List.of(statuses));
        }

        @Override
        public ProcessStatus status(int pid) {
            return statuses.size() > 1 ? statuses.poll() : statuses.peek();
        }

        @Override
        public boolean signal(int pid, Instant start, boolean kill) {
            signals.add((kill ? "KILL " : "TERM ") + pid + " " + start);
            return true;
        }
    }

    @Test
    void aPidTakenOverByAnotherProcessSinceThePlanIsNotSignalled() throws Exception {
        var processes = new ScriptedProcesses(ProcessStatus.running(PLANNED.plusSeconds(42)));
        assertThat(new ProcessStopper(processes).signal(planned(PLANNED), TEN_SECONDS, true)).isEqualTo(StopOutcome.PID_REUSED);
        assertThat(processes.signals).isEmpty();
    }

    @Test
    void withoutAPlannedStartTimeNothingIsSignalled() throws Exception {
        var processes = new ScriptedProcesses(ProcessStatus.running(PLANNED));
        assertThat(new ProcessStopper(processes).signal(planned(null), TEN_SECONDS, true)).isEqualTo(StopOutcome.UNVERIFIED);
        assertThat(processes.signals).isEmpty();
    }

    @Test
    void theSameProcessIsSignalledWithItsStartTime() throws Exception {
        var processes = new ScriptedProcesses(ProcessStatus.running(PLANNED), ProcessStatus.running(PLANNED), ProcessStatus.GONE);
        assertThat(new ProcessStopper(processes).signal(planned(PLANNED), TEN_SECONDS, false)).isEqualTo(StopOutcome.STOPPED);
        assertThat(processes.signals).containsExactly("TERM 4321 " + PLANNED);
    }

    @Test
    void anExitedProcessItsParentDoesNotReapCountsAsStoppedAtOnce() throws Exception {
        var processes = new ScriptedProcesses(ProcessStatus.running(PLANNED), ProcessStatus.EXITED);
        long begin = System.nanoTime();
        assertThat(new ProcessStopper(processes).signal(planned(PLANNED), TEN_SECONDS, true)).isEqualTo(StopOutcome.STOPPED);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
        assertThat(processes.signals).containsExactly("TERM 4321 " + PLANNED);
    }

    @Test
    void aZombieBeforeTheSignalIsNotSignalled() throws Exception {
        var processes = new ScriptedProcesses(ProcessStatus.EXITED);
        assertThat(new ProcessStopper(processes).signal(planned(PLANNED), TEN_SECONDS, true)).isEqualTo(StopOutcome.ALREADY_EXITED);
        assertThat(processes.signals).isEmpty();
    }

    @Test
    void aPidReusedWhileWaitingMeansTheProcessExited() throws Exception {
        var processes = new ScriptedProcesses(ProcessStatus.running(PLANNED), ProcessStatus.running(PLANNED.plusSeconds(1)));
        assertThat(new ProcessStopper(processes).signal(planned(PLANNED), TEN_SECONDS, true)).isEqualTo(StopOutcome.STOPPED);
        assertThat(processes.signals).hasSize(1);
    }

    /** The live table refuses to signal a process of this test's own whose start time is not the planned one. */
    @Test
    void theSystemRefusesToSignalAProcessThatStartedAtAnotherTime() throws Exception {
        ProcessSource source = Platforms.live().backend("auto", false).processes();
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            int pid = Math.toIntExact(sleeper.pid());
            ProcessStatus now = source.status(pid);
            assertThat(now.state()).isEqualTo(ProcessStatus.State.RUNNING);
            var system = new SystemProcesses(source);
            assertThat(system.signal(pid, now.startTime().minusSeconds(5), false)).isFalse();
            assertThat(sleeper.waitFor(300, TimeUnit.MILLISECONDS)).as("still running").isFalse();
            assertThat(system.signal(pid, now.startTime(), false)).isTrue();
            assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
