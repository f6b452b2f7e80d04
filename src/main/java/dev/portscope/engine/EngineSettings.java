package dev.portscope.engine;

import java.time.Duration;

/**
 * How an {@link Engine} watches.
 *
 * @param interval    time between refreshes (for those who schedule them; the engine refreshes when asked)
 * @param thresholds  when a queue is worth a change
 * @param endNotices  whether to subscribe to the kernel's notices of closed sockets, so that connections
 *                    shorter than a refresh are reported too
 * @param closedKept  how many refreshes a closed row stays in {@link Refresh#recentlyClosed} (dimmed in {@code top})
 */
public record EngineSettings(Duration interval, QueueThresholds thresholds, boolean endNotices, int closedKept) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    public EngineSettings {
        if (interval.compareTo(Duration.ofMillis(100)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("interval must be between 0.1 s and 1 h");
        }
        if (closedKept < 0 || closedKept > 100) {
            throw new IllegalArgumentException("closed rows may be kept 0 to 100 refreshes");
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(DEFAULT_INTERVAL, QueueThresholds.DEFAULT, true, 3);
    }

    public EngineSettings withInterval(Duration interval) {
        return new EngineSettings(interval, thresholds, endNotices, closedKept);
    }

    public EngineSettings withEndNotices(boolean endNotices) {
        return new EngineSettings(interval, thresholds, endNotices, closedKept);
    }
}
