package dev.portscope.tui;

import dev.portscope.engine.Change;
import dev.portscope.engine.QueueThresholds;
import dev.portscope.engine.Refresh;
import dev.portscope.engine.Sighting;
import dev.portscope.engine.SocketDiff;
import dev.portscope.engine.SocketIdentity;
import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.LinuxSocket;
import dev.portscope.model.OwnerIndex;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.model.TcpInfo;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refreshes as the engine makes them, from scripted tables: the changes come from the engine's own
 * {@link SocketDiff}, and closed rows are kept {@code closedKept} refreshes as the engine keeps them.
 */
final class ScriptedRefreshes {

    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

    private final int closedKept;
    private long sequence;
    private Map<SocketIdentity, Sighting> current = Map.of();
    private final ArrayDeque<Closing> closed = new ArrayDeque<>();

    private record Closing(long sequence, Change.Closed change) {}

    ScriptedRefreshes(int closedKept) {
        this.closedKept = closedKept;
    }

    /** The next refresh, seeing exactly these sockets. */
    Refresh next(Sighting... seen) {
        Instant time = START.plus(Duration.ofSeconds(sequence));
        Map<SocketIdentity, Sighting> next = new LinkedHashMap<>();
        for (Sighting s : seen) {
            Sighting before = current.get(s.identity());
            next.put(s.identity(), new Sighting(s.socket(), s.owners(), before == null ? time : before.firstSeen()));
        }
        List<Change> changes = sequence == 0 ? List.of() : SocketDiff.between(current, next, time, QueueThresholds.DEFAULT, false);
        sequence++;
        for (Change c : changes) {
            if (c instanceof Change.Closed closing) {
                closed.addFirst(new Closing(sequence, closing));
            }
        }
        while (!closed.isEmpty() && closed.peekLast().sequence() <= sequence - closedKept) {
            closed.removeLast();
        }
        current = next;
        List<Socket> sockets = next.values().stream().map(Sighting::socket).toList();
        Snapshot snapshot = new Snapshot(time, "test-host", sockets, Map.of(), OwnerIndex.empty(), List.of());
        return new Refresh(sequence, snapshot, next, changes, closed.stream().map(Closing::change).toList(), null);
    }

    static Sighting tcp(long cookie, String local, String remote, SocketState state, ProcessInfo... owners) {
        return sighting(socket(Protocol.TCP, cookie, local, remote, state, 0, 0, null), owners);
    }

    static Sighting udp(long cookie, String local, String remote, SocketState state, ProcessInfo... owners) {
        return sighting(socket(Protocol.UDP, cookie, local, remote, state, 0, 0, null), owners);
    }

    static Sighting sighting(Socket socket, ProcessInfo... owners) {
        return new Sighting(socket, List.of(owners), START);
    }

    static Socket socket(Protocol protocol, long cookie, String local, String remote, SocketState state, long receiveQueue,
            long sendQueue, TcpInfo info) {
        IpFamily family = local.startsWith("[") ? IpFamily.IPV6 : IpFamily.IPV4;
        return new Socket(protocol, family, endpoint(local), endpoint(remote), state, 0, cookie, receiveQueue, sendQueue, null,
                new LinuxSocket(cookie, cookie, 0, info, null));
    }

    static ProcessInfo process(int pid, String name, String user) {
        return new ProcessInfo(pid, 1, name, List.of("/usr/bin/" + name), 1000, user, START);
    }

    static TcpInfo rtt(long micros, long retransmissions) {
        return new TcpInfo(micros, micros / 2, 0, retransmissions, 10, 0, 0, 0, 0);
    }

    /** {@code 10.0.0.1:22}, {@code [::1]:22}, as ss prints them. */
    static Endpoint endpoint(String text) {
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(InetAddress.ofLiteral(host), Integer.parseInt(text.substring(colon + 1)));
    }

    /** The rows of a model in their order, as their local endpoints. */
    static List<String> locals(TopModel model) {
        List<String> rows = new ArrayList<>();
        for (TopLine line : model.lines()) {
            if (line instanceof TopLine.Row r) {
                Socket s = r.row().sighting().socket();
                rows.add(s.local().address().getHostAddress() + ":" + s.local().port());
            }
        }
        return rows;
    }
}
