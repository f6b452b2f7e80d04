package dev.portscope.platform;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.model.ProcessStatus;
import java.util.Optional;
import java.util.function.LongPredicate;

/** Which processes hold which sockets, and what those processes are. */
public interface ProcessSource {

    /**
     * Finds the holders of socket inodes, reading every process: a socket may have many holders.
     * A process that exits meanwhile is skipped in silence; one whose descriptors may not be read is
     * counted in {@link OwnerScan#unreadableProcesses()}; any other failure (out of descriptors, an
     * I/O error) is reported to {@code log} as a partial answer.
     *
     * @param wanted the inodes the caller cares about (only those are kept), or {@code null} for all
     */
    OwnerScan scanOwners(LongPredicate wanted, DiagnosticLog log);

    /** A tracker of owners for a long-running watch; this default reads every process at every update. */
    default OwnerTracker ownerTracker() {
        return OwnerTracker.fullScans(this);
    }

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

    /**
     * As {@link #origin(int)}, telling {@code log} what could not be read on the way (a runtime's
     * state file that is malformed or leads out of its directory: the container keeps its id only).
     */
    default ProcessOrigin origin(int pid, DiagnosticLog log) {
        return origin(pid);
    }

    /** The name of a user, or the uid as text when it has none. */
    String userName(int uid);
}
