package dev.portscope.platform;

import dev.portscope.model.OwnerIndex;
import dev.portscope.model.Socket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the owners of a changing set of sockets current from one refresh to the next, for a
 * long-running watch. The result of every {@link #update} equals what a full
 * {@link ProcessSource#scanOwners} would find for the same sockets; a tracker only tries to read
 * less to get there.
 */
public interface OwnerTracker extends AutoCloseable {

    /**
     * The owners of {@code sockets}, which are all the sockets there are now.
     *
     * @return the owners, and the pids that are new since the previous update or now name another
     *         process (their descriptions are stale)
     */
    Update update(List<Socket> sockets, DiagnosticLog log);

    /** Lets go of what the tracker holds open. */
    @Override
    default void close() {}

    /**
     * @param renewed pids whose earlier descriptions no longer hold; every pid when the tracker
     *                cannot tell ({@link #everyPidRenewed})
     */
    record Update(OwnerScan scan, Set<Integer> renewed, boolean everyPidRenewed) {
        public Update {
            renewed = Set.copyOf(renewed);
        }

        public boolean isRenewed(int pid) {
            return everyPidRenewed || renewed.contains(pid);
        }
    }

    /** A tracker that reads every process at every update: correct everywhere, cheap nowhere. */
    static OwnerTracker fullScans(ProcessSource processes) {
        return (sockets, log) -> {
            Set<Long> keys = new HashSet<>();
            for (Socket socket : sockets) {
                if (socket.key() != 0) {
                    keys.add(socket.key());
                }
            }
            OwnerScan scan = keys.isEmpty() ? new OwnerScan(OwnerIndex.empty())
                    : processes.scanOwners(keys::contains, log);
            return new Update(scan, Set.of(), true);
        };
    }
}
