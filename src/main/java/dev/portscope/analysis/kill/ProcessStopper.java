package dev.portscope.analysis.kill;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sends the signals. {@link ProcessHandle} remembers each process's start time, so a pid reused by
 * a new process between the plan and the signal is never signalled.
 */
public final class ProcessStopper {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration AFTER_KILL = Duration.ofSeconds(3);

    /**
     * @param pid       the process to stop
     * @param timeout   how long to wait after SIGTERM
     * @param force     whether to send SIGKILL when SIGTERM was not enough
     */
    public StopOutcome signal(int pid, Duration timeout, boolean force) throws InterruptedException {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return StopOutcome.ALREADY_GONE;
        }
        if (!handle.get().destroy()) {
            return handle.get().isAlive() ? StopOutcome.NOT_PERMITTED : StopOutcome.ALREADY_GONE;
        }
        if (waitForExit(handle.get(), timeout)) {
            return StopOutcome.STOPPED;
        }
        if (!force) {
            return StopOutcome.STILL_RUNNING;
        }
        handle.get().destroyForcibly();
        return waitForExit(handle.get(), AFTER_KILL) ? StopOutcome.KILLED : StopOutcome.STILL_RUNNING;
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

    private static boolean waitForExit(ProcessHandle handle, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (handle.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL);
        }
        return true;
    }
}
