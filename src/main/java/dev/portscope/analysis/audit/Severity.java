package dev.portscope.analysis.audit;

import java.util.Locale;

/** How bad a finding is; ordered from least to most severe. Exit codes follow the monitoring-plugin convention. */
public enum Severity {
    WARNING,
    CRITICAL;

    /** Lower-case name as users write it in policies and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The SARIF 2.1.0 {@code level} (§3.27.10): {@code warning} or {@code error}. */
    public String sarifLevel() {
        return this == CRITICAL ? "error" : "warning";
    }

    /** Parses {@code warning} or {@code critical}; empty when the text is neither. */
    public static java.util.Optional<Severity> parse(String text) {
        for (Severity s : values()) {
            if (s.label().equals(text)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
