package dev.portscope.analysis;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one rule for connections piling up in CLOSE_WAIT (the peer closed, the program never did),
 * judged the same way by {@code audit} (PS006) and {@code health}, with one setting: the policy's
 * {@code thresholds.closeWaitPerProcess} and {@code health --close-wait N} both set {@code perProcess}.
 *
 * <p>A holder with at least {@code perProcess} sockets in CLOSE_WAIT is a pile-up; ten times as many
 * is critical. Sockets are counted per process across every holder: a socket a parent shares with
 * its forked worker counts for both, since either may be the one that never closes it. Sockets
 * without a visible holder are counted in two groups of their own: never accepted (no inode: the
 * connection still waits in a listener's queue) and hidden (held by processes that cannot be read).
 */
public final class CloseWaitPileUps {

    /** The default of {@code perProcess}: a healthy program closes within moments, so ten waiting at once is a leak. */
    public static final int DEFAULT_PER_PROCESS = 10;
    /** Ten times the threshold makes a pile-up critical. */
    public static final int CRITICAL_FACTOR = 10;

    /** Who holds a pile-up. */
    public sealed interface Holder {
        /** A process that can be named. */
        record Process(ProcessInfo info) implements Holder {}

        /** Processes that cannot be read (not root, another pid namespace). */
        record Hidden() implements Holder {}

        /** No process yet: the connections wait in a listener's accept queue. */
        record NeverAccepted() implements Holder {}
    }

    /**
     * @param holder   who holds the sockets
     * @param sockets  the sockets in CLOSE_WAIT, in the snapshot's order
     * @param critical whether there are at least ten times the threshold
     */
    public record PileUp(Holder holder, List<Socket> sockets, boolean critical) {
        public PileUp {
            sockets = List.copyOf(sockets);
        }

        public int count() {
            return sockets.size();
        }
    }

    private CloseWaitPileUps() {}

    /** Checks a threshold as a setting, for the messages of the policy parser and the CLI. */
    public static boolean validThreshold(long perProcess) {
        return perProcess >= 1 && perProcess <= 1_000_000;
    }

    /**
     * The pile-ups of a snapshot: named processes by pid, then the hidden, then the never-accepted group.
     *
     * @param perProcess sockets in CLOSE_WAIT of one holder that make a pile-up (at least 1)
     */
    public static List<PileUp> find(Snapshot snapshot, int perProcess) {
        if (!validThreshold(perProcess)) {
            throw new IllegalArgumentException("CLOSE_WAIT threshold " + perProcess + " is not from 1 to 1000000");
        }
        Map<Integer, List<Socket>> byPid = new TreeMap<>();
        Map<Integer, ProcessInfo> processes = new TreeMap<>();
        List<Socket> hidden = new ArrayList<>();
        List<Socket> neverAccepted = new ArrayList<>();
        for (Socket s : snapshot.sockets()) {
            if (s.state() != SocketState.CLOSE_WAIT) {
                continue;
            }
            List<ProcessInfo> owners = snapshot.ownersOf(s);
            if (owners.isEmpty()) {
                (s.key() == 0 ? neverAccepted : hidden).add(s);
            }
            for (ProcessInfo p : owners) {
                byPid.computeIfAbsent(p.pid(), pid -> new ArrayList<>()).add(s);
                processes.putIfAbsent(p.pid(), p);
            }
        }
        List<PileUp> found = new ArrayList<>();
        byPid.forEach((pid, sockets) -> add(found, new Holder.Process(processes.get(pid)), sockets, perProcess));
        add(found, new Holder.Hidden(), hidden, perProcess);
        add(found, new Holder.NeverAccepted(), neverAccepted, perProcess);
        return found;
    }

    private static void add(List<PileUp> found, Holder holder, List<Socket> sockets, int perProcess) {
        if (sockets.size() >= perProcess) {
            found.add(new PileUp(holder, sockets, sockets.size() >= (long) CRITICAL_FACTOR * perProcess));
        }
    }
}
