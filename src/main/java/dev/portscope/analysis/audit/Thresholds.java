package dev.portscope.analysis.audit;

/**
 * Numbers the rules compare against.
 *
 * @param closeWaitPerProcess a process with more sockets than this in CLOSE_WAIT is reported
 */
public record Thresholds(int closeWaitPerProcess) {

    public static final Thresholds DEFAULT = new Thresholds(20);

    public Thresholds {
        if (closeWaitPerProcess < 0) {
            throw new IllegalArgumentException("closeWaitPerProcess must not be negative: " + closeWaitPerProcess);
        }
    }
}
