package dev.portscope.analysis.kill;

import dev.portscope.model.ProcessStatus;
import java.time.Instant;

/**
 * The processes as {@link ProcessStopper} finds them when it acts, never as the plan saw them: a
 * pid may have exited, been reused, or be a zombie by then. {@link SystemProcesses} is the real one;
 * tests script their own.
 */
public interface ProcessControl {

    /** What the process with this pid is now. */
    ProcessStatus status(int pid);

    /**
     * Sends SIGTERM, or SIGKILL when {@code kill}, to the process with this pid, only if it is still
     * the one that started at {@code start}.
     *
     * @return whether the signal was sent
     */
    boolean signal(int pid, Instant start, boolean kill);
}
