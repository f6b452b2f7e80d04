package dev.portscope.analysis.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The one scan loop, driven by a scripted engine: the bounds every engine gets (concurrency,
 * timeouts, order of results, progress) are the loop's, so they are checked once, here.
 */
class ScanLaneTest {

    /** Port 1xx answers at once (closed), 2xx answers on the first wait (open), 3xx never answers. */
    private static final class Scripted implements ConnectEngine {
        final Set<Integer> inFlight = new HashSet<>();
        final List<Integer> abandoned = new ArrayList<>();
        final List<Integer> waiting = new ArrayList<>();
        int most;

        @Override
        public Answer start(int id, InetSocketAddress target) {
            if (target.getPort() < 200) {
                return new Answer(PortStatus.CLOSED, "");
            }
            inFlight.add(id);
            most = Math.max(most, inFlight.size());
            if (target.getPort() < 300) {
                waiting.add(id);
            }
            return null;
        }

        @Override
        public void await(long millis, Answered answered) {
            for (int id : List.copyOf(waiting)) {
                waiting.remove((Integer) id);
                inFlight.remove(id);
                answered.accept(id, new Answer(PortStatus.OPEN, ""));
            }
            if (waiting.isEmpty() && millis > 0) {
                try {
                    Thread.sleep(Math.min(millis, 20));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void abandon(int id) {
            inFlight.remove(id);
            abandoned.add(id);
        }

        @Override
        public void close() {}
    }

    private static List<InetSocketAddress> ports(int... ports) {
        List<InetSocketAddress> targets = new ArrayList<>();
        for (int p : ports) {
            targets.add(new InetSocketAddress("127.0.0.1", p));
        }
        return targets;
    }

    @Test
    void keepsTheBoundsAndTheTargetsOrder() throws Exception {
        Scripted engine = new Scripted();
        AtomicInteger done = new AtomicInteger();
        List<InetSocketAddress> targets = ports(100, 200, 300, 101, 201, 202, 301, 102);
        List<PortCheck> checks = ScanLane.scan(targets, new ScanLimits(2, Double.POSITIVE_INFINITY, Duration.ofMillis(100)), done::set, engine);

        assertThat(checks).extracting(PortCheck::target).containsExactlyElementsOf(targets);
        assertThat(checks).extracting(PortCheck::status).containsExactly(PortStatus.CLOSED, PortStatus.OPEN, PortStatus.FILTERED,
                PortStatus.CLOSED, PortStatus.OPEN, PortStatus.OPEN, PortStatus.FILTERED, PortStatus.CLOSED);
        assertThat(engine.most).isLessThanOrEqualTo(2);
        assertThat(engine.abandoned).containsExactly(2, 6); // the ports that never answered, at their timeout
        assertThat(checks.get(2).latency()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(checks.get(2).detail()).isEqualTo("no answer within 100 ms");
        assertThat(done.get()).isEqualTo(targets.size());
        assertThat(engine.inFlight).isEmpty();
    }

    @Test
    void aRateSpacesTheConnects() throws Exception {
        Scripted engine = new Scripted();
        long start = System.nanoTime();
        ScanLane.scan(ports(100, 101, 102, 103, 104), new ScanLimits(10, 50, Duration.ofSeconds(1)), d -> {}, engine);
        // five connects at 50 a second: the last starts 80 ms after the first
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(75));
    }
}
