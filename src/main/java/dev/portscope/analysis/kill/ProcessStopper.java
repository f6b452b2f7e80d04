package dev.portscope.analysis.kill;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends the signals. Each process is looked up again when it is signalled and compared with the
 * start time the plan recorded: a pid that a new process took over between the plan (and its
 * confirmation) and the signal is never signalled. A process that exited but that its parent has
 * not reaped (a zombie) closed its descriptors when it exited, so it counts as stopped at once.
 */
public final class ProcessStopper {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration AFTER_KILL = Duration.ofSeconds(3);

    private final ProcessControl processes;

    public ProcessStopper(ProcessControl processes) {
        this.processes = processes;
    }

    /**
     * @param process   the process to stop, as the plan saw it
     * @param timeout   how long to wait after SIGTERM
     * @param force     whether to send SIGKILL when SIGTERM was not enough
     */
    public StopOutcome signal(ProcessInfo process, Duration timeout, boolean force) throws InterruptedException {
        int pid = process.pid();
        Instant start = process.startTime();
        if (start == null) {
            return StopOutcome.UNVERIFIED;
        }
        StopOutcome before = settled(processes.status(pid), start, StopOutcome.ALREADY_EXITED);
        if (before != null) {
            return before;
        }
        if (!processes.signal(pid, start, false)) {
            StopOutcome after = settled(processes.status(pid), start, StopOutcome.ALREADY_EXITED);
            return after != null ? after : StopOutcome.NOT_PERMITTED;
        }
        if (waitForExit(pid, start, timeout)) {
            return StopOutcome.STOPPED;
        }
        if (!force) {
            return StopOutcome.STILL_RUNNING;
        }
        if (!processes.signal(pid, start, true)) {
            return waitForExit(pid, start, Duration.ZERO) ? StopOutcome.STOPPED : StopOutcome.STILL_RUNNING;
        }
        return waitForExit(pid, start, AFTER_KILL) ? StopOutcome.KILLED : StopOutcome.STILL_RUNNING;
    }

    /** The outcome when the process is no longer the running one the plan saw; null while it is. */
    private static StopOutcome settled(ProcessStatus now, Instant start, StopOutcome whenExited) {
        return switch (now.state()) {
            case GONE -> StopOutcome.ALREADY_GONE;
            case EXITED -> whenExited;
            case UNKNOWN -> StopOutcome.UNVERIFIED;
            case RUNNING -> now.startTime().equals(start) ? null : StopOutcome.PID_REUSED;
        };
    }

    /** Runs {@code systemctl stop UNIT}; true when it succeeded. */
    public boolean stopService(String unit, Duration timeout) throws InterruptedException {
        try {
            Process systemctl = new ProcessBuilder(List.of("systemctl", "stop", "--", unit)).inheritIO().start();
            if (!systemctl.waitFor(timeout.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
                systemctl.destroyForcibly();
                return false;
            }
            return systemctl.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * Whether the process let go within {@code limit}: gone, exited (reaped or not), or replaced by
     * another process with its pid. Checked at least once, at most once per {@link #POLL} until then.
     */
    private boolean waitForExit(int pid, Instant start, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long checks = limit.dividedBy(POLL) + 2;
        for (long i = 0; i < checks; i++) {
            ProcessStatus now = processes.status(pid);
            if (now.state() == ProcessStatus.State.GONE || now.state() == ProcessStatus.State.EXITED
                    || (now.state() == ProcessStatus.State.RUNNING && !now.startTime().equals(start))) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL);
        }
        return false;
    }
}
