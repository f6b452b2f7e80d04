package dev.portscope.analysis.kill;

import dev.portscope.model.ProcessStatus;
import dev.portscope.platform.ProcessSource;
import java.time.Instant;
import java.util.Optional;

/**
 * The live processes: their status from the platform's process source (which tells a zombie from a
 * running process and gives start times exactly as it gave them to the plan), their signals through
 * {@link ProcessHandle}.
 */
public final class SystemProcesses implements ProcessControl {

    private final ProcessSource source;

    public SystemProcesses(ProcessSource source) {
        this.source = source;
    }

    @Override
    public ProcessStatus status(int pid) {
        return source.status(pid);
    }

    /**
     * The handle is taken before the start time is checked: the JDK records the start time it sees
     * when the handle is made and signals only while the pid still has it ({@code destroy0} in
     * {@code ProcessHandleImpl_unix.c}), so a pid reused after this check is not signalled either.
     */
    @Override
    public boolean signal(int pid, Instant start, boolean kill) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || handle.get().pid() == ProcessHandle.current().pid()) {
            return false;
        }
        ProcessStatus now = source.status(pid);
        if (now.state() != ProcessStatus.State.RUNNING || !now.startTime().equals(start)) {
            return false;
        }
        return kill ? handle.get().destroyForcibly() : handle.get().destroy();
    }
}
