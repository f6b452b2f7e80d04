package dev.portscope.tui;

import dev.portscope.engine.Change;
import dev.portscope.engine.Sighting;
import dev.portscope.engine.SocketIdentity;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The header of {@code top}: the sockets the filter selects, counted per protocol and state, and
 * what changed among them in the last refresh.
 *
 * @param tcp     TCP sockets per state, in the kernel's order of states
 * @param udp     UDP sockets per state
 * @param opened  sockets opened since the previous refresh (short-lived ones included)
 * @param closed  sockets closed since the previous refresh
 * @param changed sockets that changed state, owners or crossed a queue threshold
 */
public record TopSummary(Map<SocketState, Integer> tcp, Map<SocketState, Integer> udp, int opened, int closed, int changed) {

    public TopSummary {
        tcp = Map.copyOf(tcp);
        udp = Map.copyOf(udp);
    }

    static final TopSummary EMPTY = new TopSummary(Map.of(), Map.of(), 0, 0, 0);

    static TopSummary of(Collection<Sighting> live, List<Change> changes, Predicate<Socket> filter) {
        Map<SocketState, Integer> tcp = new EnumMap<>(SocketState.class);
        Map<SocketState, Integer> udp = new EnumMap<>(SocketState.class);
        for (Sighting sighting : live) {
            Socket socket = sighting.socket();
            if (filter.test(socket)) {
                (socket.protocol() == Protocol.TCP ? tcp : udp).merge(socket.state(), 1, Integer::sum);
            }
        }
        int opened = 0;
        int closed = 0;
        Set<SocketIdentity> changed = new HashSet<>();
        for (Change change : changes) {
            if (!filter.test(change.socket())) {
                continue;
            }
            switch (change) {
                case Change.Opened o -> opened++;
                case Change.Closed c -> closed++;
                case Change.StateChanged s -> changed.add(s.sighting().identity());
                case Change.OwnerChanged o -> changed.add(o.sighting().identity());
                case Change.QueueCrossed q -> changed.add(q.sighting().identity());
            }
        }
        return new TopSummary(tcp, udp, opened, closed, changed.size());
    }

    /** How many sockets of a protocol. */
    public int total(Protocol protocol) {
        return (protocol == Protocol.TCP ? tcp : udp).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** {@code TCP 12: ESTAB 5, LISTEN 7  UDP 2: UNCONN 2}, states in the kernel's order. */
    public String countsText() {
        return part("TCP", Protocol.TCP, tcp) + "  " + part("UDP", Protocol.UDP, udp);
    }

    /** {@code +2 opened  -1 closed  ~3 changed}. */
    public String changesText() {
        return "+" + opened + " opened  -" + closed + " closed  ~" + changed + " changed";
    }

    private String part(String name, Protocol protocol, Map<SocketState, Integer> states) {
        StringBuilder text = new StringBuilder(name).append(' ').append(total(protocol));
        String separator = ": ";
        for (SocketState state : SocketState.values()) {
            Integer count = states.get(state);
            if (count != null) {
                text.append(separator).append(state.displayName(protocol)).append(' ').append(count);
                separator = ", ";
            }
        }
        return text.toString();
    }
}
