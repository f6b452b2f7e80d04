package dev.portscope.render;

import dev.portscope.analysis.health.HealthFinding;
import dev.portscope.analysis.health.HealthReport;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code portscope health} for people: each finding with its evidence, likely cause and what to do, most severe first. */
public final class HealthTextWriter {

    private final PrintWriter out;

    public HealthTextWriter(PrintWriter out) {
        this.out = out;
    }

    public void write(HealthReport report) {
        out.println("TCP sockets: " + (report.states().isEmpty() ? "none"
                : report.states().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        if (!report.countersRead()) {
            out.println("Kernel counters: not read (a replay, or /proc/net/snmp unreadable).");
        } else if (report.counterPeriod() == null) {
            out.println("Kernel counters: totals since boot (the next run reports what changed since this one; --interval N measures now).");
        } else {
            String grown = report.counterDeltas().entrySet().stream().filter(e -> e.getValue().isPresent() && e.getValue().getAsLong() > 0)
                    .map(e -> e.getKey() + " +" + e.getValue().getAsLong()).collect(Collectors.joining(", "));
            boolean allKnown = report.uncountedCounters().isEmpty();
            out.println("Kernel counters " + report.counterPeriod() + ": "
                    + (grown.isEmpty() ? (allKnown ? "no resets, drops or overflows" : "no growth among those counted") : grown) + ".");
        }
        if (report.countersRead() && !report.uncountedCounters().isEmpty()) {
            out.println("Not counted (unknown, not 0): " + String.join(", ", report.uncountedCounters()) + ".");
        }
        if (!report.assumedSettings().isEmpty()) {
            out.println("Assumed: " + String.join(", ", report.assumedSettings())
                    + " not known (not recorded, or unreadable): the kernel's defaults were used.");
        }
        if (report.findings().isEmpty()) {
            out.println();
            out.println("No problem found.");
        }
        for (HealthFinding f : report.findings()) {
            out.println();
            out.println(f.level().label().toUpperCase(Locale.ROOT) + "  " + f.check() + "  " + ForeignText.visible(f.what()));
            for (String line : f.evidence()) {
                out.println("    evidence: " + ForeignText.visible(line));
            }
            out.println("    cause:    " + ForeignText.visible(f.cause()));
            out.println("    do:       " + ForeignText.visible(f.action()));
        }
        out.flush();
    }
}
