package dev.portscope.engine;

import dev.portscope.model.Endpoint;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The differences between two refreshes, as a pure function of the two tables: what opened, what
 * closed and how, what changed state, owners or crossed a queue threshold. Changes come in the
 * order of {@code after} (opened and changed sockets), then of {@code before} (closed ones).
 */
public final class SocketDiff {

    private SocketDiff() {}

    /**
     * @param resetsCounted whether the kernel counted a reset or an abort between the two refreshes
     *                      (true when unknown): a connection gone straight from ESTABLISHED is
     *                      abrupt only then, since a peer that closes first makes the local side go
     *                      through CLOSE_WAIT and LAST_ACK faster than any refresh sees
     */
    public static List<Change> between(
            Map<SocketIdentity, Sighting> before,
            Map<SocketIdentity, Sighting> after,
            Instant time,
            QueueThresholds thresholds,
            boolean resetsCounted) {
        List<Change> changes = new ArrayList<>();
        Ends ends = new Ends(after, resetsCounted);
        for (var entry : after.entrySet()) {
            Sighting now = entry.getValue();
            Sighting then = before.get(entry.getKey());
            if (then == null) {
                changes.add(new Change.Opened(time, now));
                crossings(null, now, time, thresholds, changes);
                continue;
            }
            if (reused(then.socket(), now.socket())) {
                changes.add(new Change.Closed(time, then, ends.of(then)));
                changes.add(new Change.Opened(time, now));
                continue;
            }
            if (then.socket().state() != now.socket().state()) {
                changes.add(new Change.StateChanged(time, now, then.socket().state()));
            }
            if (!then.samePids(now) && !(now.owners().isEmpty() && !now.socket().uidKnown())) {
                changes.add(new Change.OwnerChanged(time, now, then));
            }
            crossings(then, now, time, thresholds, changes);
        }
        for (var entry : before.entrySet()) {
            if (!after.containsKey(entry.getKey())) {
                changes.add(new Change.Closed(time, entry.getValue(), ends.of(entry.getValue())));
            }
        }
        return changes;
    }

    /** Without a cookie the 4-tuple is the identity: two different inodes on it are two sockets. */
    private static boolean reused(Socket then, Socket now) {
        boolean cookies = then.linux() != null && then.linux().cookie() != 0;
        return !cookies && then.key() != 0 && now.key() != 0 && then.key() != now.key();
    }

    /**
     * How a connection known only by its end notice ended (the kernel reports it in CLOSE): in
     * order when its peer on this machine is in a FIN state or TIME_WAIT, or when the kernel counted
     * no reset, else abrupt.
     */
    static Change.End endOfUnseen(Sighting notice, Map<SocketIdentity, Sighting> after, boolean resetsCounted) {
        Socket socket = notice.socket();
        // a client's own reset clears the notice's remote port, not the peer's address
        boolean connection = socket.remote().port() != 0 || !socket.remote().address().isAnyLocalAddress();
        if (socket.protocol() != Protocol.TCP || !connection || !resetsCounted) {
            return Change.End.ORDERLY;
        }
        return new Ends(after, true).peerClosing(socket) ? Change.End.ORDERLY : Change.End.ABRUPT;
    }

    /**
     * How a socket that is gone ended. A connection last seen in a FIN state, or whose peer on this
     * machine is now in one, closed in order; one last seen established or in its handshake is
     * abrupt when the kernel counted resets meanwhile.
     */
    private static final class Ends {
        private static final Set<SocketState> FIN_STATES = Set.of(
                SocketState.TIME_WAIT, SocketState.FIN_WAIT1, SocketState.FIN_WAIT2, SocketState.CLOSING,
                SocketState.CLOSE_WAIT, SocketState.LAST_ACK);

        private final Map<SocketIdentity, Sighting> after;
        private final boolean resetsCounted;
        private Set<Pair> closingPairs;

        Ends(Map<SocketIdentity, Sighting> after, boolean resetsCounted) {
            this.after = after;
            this.resetsCounted = resetsCounted;
        }

        Change.End of(Sighting last) {
            Socket socket = last.socket();
            if (socket.protocol() != Protocol.TCP || !connecting(socket.state()) || !resetsCounted) {
                return Change.End.ORDERLY;
            }
            return peerClosing(socket) ? Change.End.ORDERLY : Change.End.ABRUPT;
        }

        boolean peerClosing(Socket socket) {
            return closingPairs().contains(new Pair(socket.remote(), socket.local()));
        }

        /** The (local, remote) pairs of the TCP sockets now in a FIN state, found once per diff. */
        private Set<Pair> closingPairs() {
            if (closingPairs == null) {
                closingPairs = new HashSet<>();
                for (Sighting sighting : after.values()) {
                    Socket s = sighting.socket();
                    if (s.protocol() == Protocol.TCP && FIN_STATES.contains(s.state())) {
                        closingPairs.add(new Pair(s.local(), s.remote()));
                    }
                }
            }
            return closingPairs;
        }

        private static boolean connecting(SocketState state) {
            return state == SocketState.ESTABLISHED || state == SocketState.SYN_SENT || state == SocketState.SYN_RECV;
        }
    }

    /** Two ends by address and port only (the bound interface does not tell a peer apart). */
    private record Pair(java.net.InetAddress localAddress, int localPort, java.net.InetAddress remoteAddress, int remotePort) {
        Pair(Endpoint local, Endpoint remote) {
            this(local.address(), local.port(), remote.address(), remote.port());
        }
    }

    private static void crossings(Sighting then, Sighting now, Instant time, QueueThresholds thresholds, List<Change> changes) {
        Socket socket = now.socket();
        crossing(then == null ? 0 : then.socket().receiveQueue(), socket.receiveQueue(), thresholds.receive(socket),
                Change.Queue.RECEIVE, now, time, changes);
        crossing(then == null ? 0 : then.socket().sendQueue(), socket.sendQueue(), thresholds.send(socket),
                Change.Queue.SEND, now, time, changes);
    }

    private static void crossing(long before, long after, long threshold, Change.Queue queue, Sighting now, Instant time,
            List<Change> changes) {
        if (threshold == Long.MAX_VALUE) {
            return;
        }
        if (before < threshold && after >= threshold) {
            changes.add(new Change.QueueCrossed(time, now, queue, threshold, after, true));
        } else if (before >= threshold && after < threshold) {
            changes.add(new Change.QueueCrossed(time, now, queue, threshold, after, false));
        }
    }
}
