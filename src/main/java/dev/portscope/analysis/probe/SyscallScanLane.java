package dev.portscope.analysis.probe;

import dev.portscope.platform.ConnectCalls;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One lane of a connect scan driven by {@link ConnectCalls}: the same bounds as the NIO lane of
 * {@link ConnectScanner} (concurrency, rate, timeout per connect), with the sockets in flight kept
 * in arrays, in the order they started (so the first is the one whose timeout ends first) and
 * waited on with one poll.
 */
final class SyscallScanLane {

    private SyscallScanLane() {}

    static List<PortCheck> scan(List<InetSocketAddress> targets, ScanLimits limits, IntConsumer progress, ConnectCalls calls)
            throws InterruptedException {
        PortCheck[] results = new PortCheck[targets.size()];
        long timeout = limits.timeout().toNanos();
        long interval = Double.isInfinite(limits.ratePerSecond()) ? 0 : (long) (1_000_000_000L / limits.ratePerSecond());
        int capacity = Math.min(limits.concurrency(), Math.max(1, targets.size()));
        int[] fds = new int[capacity];
        int[] indexes = new int[capacity];
        long[] starts = new long[capacity];
        boolean[] ready = new boolean[capacity];
        int pending = 0;
        int started = 0;
        int done = 0;
        long nextStart = System.nanoTime();
        try {
            while (done < results.length) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long now = System.nanoTime();
                while (started < results.length && pending < capacity && now - nextStart >= 0) {
                    int index = started++;
                    nextStart = interval == 0 ? now : Math.max(nextStart, now - interval) + interval;
                    InetSocketAddress target = targets.get(index);
                    ConnectCalls.Step step = calls.start(target);
                    if (step.outcome() == ConnectCalls.Outcome.IN_PROGRESS) {
                        fds[pending] = step.fd();
                        indexes[pending] = index;
                        starts[pending] = now;
                        pending++;
                    } else {
                        results[index] = settle(target, step, now, calls);
                        progress.accept(++done);
                    }
                    now = System.nanoTime();
                }
                if (done == results.length) {
                    break; // the last ports were answered at once: nothing to wait for
                }
                long wait = pending == 0 ? Long.MAX_VALUE : starts[0] + timeout - now;
                if (started < results.length && pending < capacity) {
                    wait = Math.min(wait, nextStart - now);
                }
                long millis = wait <= 0 ? 0 : Math.min(wait / 1_000_000L + 1, 1_000);
                if (pending == 0) {
                    if (millis > 0) {
                        Thread.sleep(millis); // paced by --rate, nothing in flight
                    }
                    continue;
                }
                calls.await(fds, pending, millis, ready);
                now = System.nanoTime();
                int kept = 0;
                for (int k = 0; k < pending; k++) {
                    int index = indexes[k];
                    InetSocketAddress target = targets.get(index);
                    ConnectCalls.Step step = ready[k] ? calls.check(fds[k]) : null;
                    if (step != null && step.outcome() != ConnectCalls.Outcome.IN_PROGRESS) {
                        results[index] = settle(target, step, starts[k], calls);
                        progress.accept(++done);
                    } else if (now - (starts[k] + timeout) >= 0) {
                        calls.close(fds[k]);
                        results[index] = new PortCheck(target, PortStatus.FILTERED, Duration.ofNanos(now - starts[k]),
                                "no answer within " + limits.timeout().toMillis() + " ms");
                        progress.accept(++done);
                    } else {
                        fds[kept] = fds[k];
                        indexes[kept] = index;
                        starts[kept] = starts[k];
                        kept++;
                    }
                }
                pending = kept;
            }
        } finally {
            for (int k = 0; k < pending; k++) {
                calls.close(fds[k]); // interrupted: nothing stays open
            }
        }
        return Arrays.asList(results);
    }

    /** The result of a connect the kernel has answered; closes its socket. */
    private static PortCheck settle(InetSocketAddress target, ConnectCalls.Step step, long start, ConnectCalls calls) {
        try {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            return switch (step.outcome()) {
                case OPEN -> new PortCheck(target, calls.connectedToItself(step.fd(), target) ? PortStatus.CLOSED : PortStatus.OPEN, latency, "");
                case REFUSED -> new PortCheck(target, PortStatus.CLOSED, latency, "");
                case UNREACHABLE -> new PortCheck(target, PortStatus.FILTERED, latency, "no route to host");
                case FAILED -> new PortCheck(target, PortStatus.ERROR, latency, step.failure());
                case IN_PROGRESS -> throw new IllegalStateException("a connect in progress is not settled");
            };
        } finally {
            if (step.fd() >= 0) {
                calls.close(step.fd());
            }
        }
    }
}
