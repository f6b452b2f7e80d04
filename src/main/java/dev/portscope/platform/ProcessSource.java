package dev.portscope.platform;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.model.ProcessStatus;
import java.util.Optional;
import java.util.function.LongPredicate;

/** Which processes hold which sockets, and what those processes are. */
public interface ProcessSource {

    /**
     * Finds the holders of socket inodes.
     *
     * @param wanted the inodes the caller cares about, or {@code null} for all of them; a source may
     *               stop early once every wanted inode has an owner
     * @param wantedCount how many distinct inodes {@code wanted} accepts, used to stop early; -1 when unknown
     */
    OwnerScan scanOwners(LongPredicate wanted, int wantedCount, DiagnosticLog log);

    /** Describes a process, or empty when it has exited. */
    Optional<ProcessInfo> describe(int pid, DiagnosticLog log);

    /**
     * What the process with this pid is now, for an action on it ({@code kill}): running with the
     * start time {@link #describe} gives it, exited but not reaped, or gone. This default asks the
     * JDK, which cannot tell an unreaped process from a running one nor report start times the way
     * a source does; a source that can should answer itself.
     */
    default ProcessStatus status(int pid) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(h -> h.info().startInstant().map(ProcessStatus::running).orElse(ProcessStatus.UNKNOWN))
                .orElse(ProcessStatus.GONE);
    }

    /** The service unit or container a process runs in; {@link ProcessOrigin#NONE} when none or unknown. */
    ProcessOrigin origin(int pid);

    /** The name of a user, or the uid as text when it has none. */
    String userName(int uid);
}
