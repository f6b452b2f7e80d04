package dev.portscope.analysis.health;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What {@code portscope health} found.
 *
 * @param findings      most severe first
 * @param states        TCP sockets per state, for context
 * @param counterPeriod what the counter changes cover ("over 5 s", "since 2026-11-26T10:00:00Z"), null on a first run
 * @param counterDeltas how much each counter of interest grew in that period (totals since boot on a first run); empty
 *                      for a counter this kernel lacks or whose growth cannot be told (it went down: a reboot); no
 *                      entries at all when the counters were not read (a replay)
 * @param assumedSettings the kernel settings the checks relied on that are not known (a replay that did not record
 *                        them, an unreadable {@code /proc/sys}) and were taken as the kernel's defaults
 */
public record HealthReport(
        List<HealthFinding> findings, Map<String, Long> states, String counterPeriod, Map<String, OptionalLong> counterDeltas,
        List<String> assumedSettings) {

    public HealthReport {
        findings = List.copyOf(findings);
        assumedSettings = List.copyOf(assumedSettings);
        // kept in order: states as the kernel numbers them, counters as documented
        states = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(states));
        counterDeltas = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counterDeltas));
    }

    /** Whether the kernel's counters were read at all. */
    public boolean countersRead() {
        return !counterDeltas.isEmpty();
    }

    /** The counters of interest that could not be counted: unknown, not 0. */
    public List<String> uncountedCounters() {
        return counterDeltas.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** The most severe level found, or null when nothing was found. */
    public Level worst() {
        return findings.stream().map(HealthFinding::level).max(Enum::compareTo).orElse(null);
    }
}
