package dev.portscope.analysis.health;

import java.util.List;
import java.util.Map;

/**
 * What {@code portscope health} found.
 *
 * @param findings      most severe first
 * @param states        TCP sockets per state, for context
 * @param counterPeriod what the counter changes cover ("over 5 s", "since 2026-11-26T10:00:00Z"), null on a first run
 * @param counterDeltas how much each counter of interest grew in that period (totals since boot on a first run)
 */
public record HealthReport(List<HealthFinding> findings, Map<String, Long> states, String counterPeriod, Map<String, Long> counterDeltas) {

    public HealthReport {
        findings = List.copyOf(findings);
        // kept in order: states as the kernel numbers them, counters as documented
        states = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(states));
        counterDeltas = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counterDeltas));
    }

    /** The most severe level found, or null when nothing was found. */
    public Level worst() {
        return findings.stream().map(HealthFinding::level).max(Enum::compareTo).orElse(null);
    }
}
