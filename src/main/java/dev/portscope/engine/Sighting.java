package dev.portscope.engine;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import java.time.Instant;
import java.util.List;

/**
 * A socket as one refresh saw it, with the processes holding it.
 *
 * @param firstSeen when a refresh first saw this socket (or, for one seen only in its end
 *                  notification, when that came)
 * @param owners    the holders, in pid order; empty when none is known (TIME_WAIT, not root)
 * @param ownersInferred true when no refresh saw the socket held and {@code owners} are those of the
 *                  listener it was accepted from (a connection shorter than one refresh)
 */
public record Sighting(Socket socket, List<ProcessInfo> owners, Instant firstSeen, boolean ownersInferred) {

    public Sighting {
        owners = List.copyOf(owners);
    }

    public Sighting(Socket socket, List<ProcessInfo> owners, Instant firstSeen) {
        this(socket, owners, firstSeen, false);
    }

    public SocketIdentity identity() {
        return SocketIdentity.of(socket);
    }

    /** Whether the same processes hold both sightings' sockets, by pid, in order. */
    public boolean samePids(Sighting other) {
        return samePids(other.owners, pidsOf(owners));
    }

    static boolean samePids(List<ProcessInfo> owners, int[] pids) {
        if (owners.size() != pids.length) {
            return false;
        }
        for (int i = 0; i < pids.length; i++) {
            if (owners.get(i).pid() != pids[i]) {
                return false;
            }
        }
        return true;
    }

    private static int[] pidsOf(List<ProcessInfo> owners) {
        int[] pids = new int[owners.size()];
        for (int i = 0; i < pids.length; i++) {
            pids[i] = owners.get(i).pid();
        }
        return pids;
    }

    /** The pids of the holders, for comparing two sightings. */
    public List<Integer> pids() {
        return owners.stream().map(ProcessInfo::pid).toList();
    }
}
