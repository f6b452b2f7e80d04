package dev.portscope.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cap on the series of one exposition that grow with the machine (one per listener, per
 * process): a machine with a million sockets must not flood Prometheus. The families that are
 * bounded by design (per protocol and state, per kernel counter) do not count. What does not fit is
 * dropped, and counted by family, for {@code portscope_series_dropped_total}.
 */
final class SeriesBudget {

    private final int cap;
    private int used;
    private final Map<String, Long> dropped = new LinkedHashMap<>();

    SeriesBudget(int cap) {
        this.cap = cap;
    }

    /** Takes one series of {@code family}; false (and counted as dropped) when the cap is reached. */
    boolean take(String family) {
        if (used < cap) {
            used++;
            return true;
        }
        dropped.merge(family, 1L, Long::sum);
        return false;
    }

    int cap() {
        return cap;
    }

    /** Series dropped by family, in the order they were first dropped. */
    Map<String, Long> dropped() {
        return dropped;
    }
}
