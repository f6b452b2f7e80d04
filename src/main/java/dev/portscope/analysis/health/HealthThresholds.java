package dev.portscope.analysis.health;

import dev.portscope.analysis.CloseWaitPileUps;
import java.time.Duration;

/**
 * When a count becomes a finding.
 *
 * @param closeWaitPerProcess CLOSE_WAIT sockets of one process that make a warning (ten times as many: critical); the
 *                            setting of {@link CloseWaitPileUps}, which the policy's {@code thresholds.closeWaitPerProcess}
 *                            sets for {@code audit}
 * @param queueNearFull       share of a listener's backlog waiting to be accepted that makes a warning
 * @param synRecvPerPort      half-open connections on one port that suggest a SYN flood
 * @param timeWaitShare       share of the ephemeral range that TIME_WAIT towards one destination may take before a warning
 * @param idle                how long an established connection may stay silent both ways before it is noted
 * @param rttOutlier          round-trip time above which a connection is an outlier (and above ten times the median)
 */
public record HealthThresholds(
        int closeWaitPerProcess, double queueNearFull, int synRecvPerPort, double timeWaitShare, Duration idle, Duration rttOutlier) {

    public static final HealthThresholds DEFAULTS =
            new HealthThresholds(CloseWaitPileUps.DEFAULT_PER_PROCESS, 0.8, 100, 0.5, Duration.ofHours(1), Duration.ofMillis(200));

    public HealthThresholds withCloseWait(int count) {
        return new HealthThresholds(count, queueNearFull, synRecvPerPort, timeWaitShare, idle, rttOutlier);
    }
}
