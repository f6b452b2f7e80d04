package dev.portscope.analysis.probe;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One lane of a connect scan: at most {@link ScanLimits#concurrency()} connects in flight, new ones
 * paced to {@link ScanLimits#ratePerSecond()}, each abandoned (filtered) at its timeout; the
 * system calls are an {@link ConnectEngine}'s. Connects start in order and share one timeout, so
 * the oldest in flight is always the next to time out: a queue in start order is the deadline queue.
 */
final class ScanLane {

    private ScanLane() {}

    /**
     * @param progress told the number of connects finished so far
     * @return the results in the targets' order
     */
    static List<PortCheck> scan(List<InetSocketAddress> targets, ScanLimits limits, IntConsumer progress, ConnectEngine engine)
            throws InterruptedException {
        int total = targets.size();
        PortCheck[] results = new PortCheck[total];
        long[] starts = new long[total];
        int[] byDeadline = new int[total]; // ids in start order; answered ones are dropped when they reach the head
        int head = 0;
        int tail = 0;
        long timeout = limits.timeout().toNanos();
        long interval = Double.isInfinite(limits.ratePerSecond()) ? 0 : (long) (1_000_000_000L / limits.ratePerSecond());
        int[] counts = new int[2]; // done, in flight
        long nextStart = System.nanoTime();
        int started = 0;
        ConnectEngine.Answered answered = (id, answer) -> {
            if (results[id] == null) {
                results[id] = check(targets.get(id), answer, starts[id]);
                counts[1]--;
                progress.accept(++counts[0]);
            }
        };
        while (counts[0] < total) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long now = System.nanoTime();
            while (started < total && counts[1] < limits.concurrency() && now - nextStart >= 0) {
                int id = started++;
                nextStart = interval == 0 ? now : Math.max(nextStart, now - interval) + interval;
                starts[id] = now;
                ConnectEngine.Answer at = engine.start(id, targets.get(id));
                if (at != null) {
                    results[id] = check(targets.get(id), at, now);
                    progress.accept(++counts[0]);
                } else {
                    counts[1]++;
                    byDeadline[tail++] = id;
                }
                now = System.nanoTime();
            }
            if (counts[0] == total) {
                break; // the last ports were answered at once: nothing to wait for
            }
            long wait = counts[1] == 0 ? Long.MAX_VALUE : starts[byDeadline[head]] + timeout - now;
            if (started < total && counts[1] < limits.concurrency()) {
                wait = Math.min(wait, nextStart - now);
            }
            long millis = wait <= 0 ? 0 : Math.min(wait / 1_000_000L + 1, 1_000);
            if (counts[1] == 0) {
                if (millis > 0) {
                    Thread.sleep(millis); // paced by --rate, nothing in flight
                }
                continue;
            }
            engine.await(millis, answered);
            now = System.nanoTime();
            while (head < tail) {
                int id = byDeadline[head];
                if (results[id] != null) {
                    head++;
                } else if (now - (starts[id] + timeout) >= 0) {
                    head++;
                    engine.abandon(id);
                    results[id] = new PortCheck(targets.get(id), PortStatus.FILTERED, Duration.ofNanos(now - starts[id]),
                            "no answer within " + limits.timeout().toMillis() + " ms");
                    counts[1]--;
                    progress.accept(++counts[0]);
                } else {
                    break;
                }
            }
            // the head may have been answered: skip to the first still in flight for the next wait
            while (head < tail && results[byDeadline[head]] != null) {
                head++;
            }
        }
        return Arrays.asList(results);
    }

    private static PortCheck check(InetSocketAddress target, ConnectEngine.Answer answer, long start) {
        return new PortCheck(target, answer.status(), Duration.ofNanos(System.nanoTime() - start), answer.detail());
    }
}
