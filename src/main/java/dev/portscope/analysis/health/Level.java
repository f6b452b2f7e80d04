package dev.portscope.analysis.health;

import java.util.Locale;

/** How much a health finding matters; ordered from least to most. Exit codes follow the monitoring-plugin convention. */
public enum Level {
    INFO,
    WARNING,
    CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
