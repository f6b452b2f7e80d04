package dev.portscope.serve;

import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.render.StateHistoryJsonWriter.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * TCP sockets per state at the collections of the last minutes, for the page's chart: at most one
 * point a second, for {@code kept}, and never more than {@link #MAX_POINTS}. Collections happen
 * when someone asks (a scrape, an open page), so the history has the gaps of those times.
 */
final class StateHistory implements Consumer<Collection> {

    static final int MAX_POINTS = 3600;

    private final Duration kept;
    private final ArrayDeque<Point> points = new ArrayDeque<>();
    private Instant last;

    StateHistory(Duration kept) {
        this.kept = kept;
    }

    /** The counts of TCP sockets per state in one collection. */
    static Map<String, Long> tcpStates(List<Socket> sockets) {
        Map<String, Long> counts = new TreeMap<>();
        for (Socket s : sockets) {
            if (s.protocol() == Protocol.TCP) {
                counts.merge(s.state().name(), 1L, Long::sum);
            }
        }
        return counts;
    }

    @Override
    public synchronized void accept(Collection collection) {
        Instant time = collection.refresh().time();
        if (last != null && Duration.between(last, time).compareTo(Duration.ofSeconds(1)) < 0) {
            return;
        }
        last = time;
        points.addLast(new Point(time, tcpStates(collection.refresh().snapshot().sockets())));
        while (points.size() > MAX_POINTS || Duration.between(points.peekFirst().time(), time).compareTo(kept) > 0) {
            points.removeFirst();
        }
    }

    synchronized List<Point> points() {
        return List.copyOf(points);
    }
}
