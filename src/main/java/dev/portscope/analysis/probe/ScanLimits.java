package dev.portscope.analysis.probe;

import java.time.Duration;

/**
 * How hard a scan may push.
 *
 * @param concurrency  connects in flight at once, at least 1
 * @param ratePerSecond new connects per second; {@link Double#POSITIVE_INFINITY} for no limit
 * @param timeout      how long one connect may take before the port counts as filtered
 */
public record ScanLimits(int concurrency, double ratePerSecond, Duration timeout) {

    /** Safe for any network: 100 in flight, 1000 connects a second, 2 s per connect. */
    public static final ScanLimits REMOTE = new ScanLimits(100, 1_000, Duration.ofSeconds(2));
    /**
     * On loopback no packet leaves the machine and a refusal is immediate, so only the number of
     * descriptors in flight is bounded (well under the usual 1024 soft limit of open files).
     */
    public static final ScanLimits LOOPBACK = new ScanLimits(256, Double.POSITIVE_INFINITY, Duration.ofSeconds(1));

    /** @throws IllegalArgumentException with a one-line message when a limit makes no sense */
    public ScanLimits {
        if (concurrency < 1 || concurrency > 10_000) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 10000, not " + concurrency);
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("--rate must be more than 0 connects per second, not " + ratePerSecond);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("--timeout must be more than 0 and at most 60 seconds, not " + timeout.toMillis() + " ms");
        }
    }

    public ScanLimits withConcurrency(int n) {
        return new ScanLimits(n, ratePerSecond, timeout);
    }

    public ScanLimits withRate(double perSecond) {
        return new ScanLimits(concurrency, perSecond, timeout);
    }

    public ScanLimits withTimeout(Duration t) {
        return new ScanLimits(concurrency, ratePerSecond, t);
    }
}
