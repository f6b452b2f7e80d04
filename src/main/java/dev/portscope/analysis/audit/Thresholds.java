package dev.portscope.analysis.audit;

import dev.portscope.analysis.CloseWaitPileUps;

/**
 * Numbers the rules compare against.
 *
 * @param closeWaitPerProcess sockets in CLOSE_WAIT of one process that PS006 reports (at least this
 *                            many; the setting {@code health --close-wait} sets too: {@link CloseWaitPileUps})
 */
public record Thresholds(int closeWaitPerProcess) {

    public static final Thresholds DEFAULT = new Thresholds(CloseWaitPileUps.DEFAULT_PER_PROCESS);

    public Thresholds {
        if (!CloseWaitPileUps.validThreshold(closeWaitPerProcess)) {
            throw new IllegalArgumentException("closeWaitPerProcess must be from 1 to 1000000: " + closeWaitPerProcess);
        }
    }
}
