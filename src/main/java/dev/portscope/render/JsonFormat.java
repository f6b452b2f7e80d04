package dev.portscope.render;

import dev.portscope.analysis.audit.BaselineParser;

/**
 * The JSON documents portscope writes, each named by its {@code format} field and versioned on its
 * own: within a version fields are only ever added (README, "JSON layout"). The one place a
 * document's version is declared; a baseline's is its reader's, which must refuse newer ones.
 */
public enum JsonFormat {
    LISTING("portscope-listing", 1),
    WHO("portscope-who", 1),
    WHY("portscope-why", 1),
    HEALTH("portscope-health", 1),
    SUMMARY("portscope-summary", 1),
    AUDIT("portscope-audit", 1),
    BASELINE(BaselineParser.FORMAT, BaselineParser.FORMAT_VERSION),
    DIFF("portscope-diff", 1),
    PROBE("portscope-probe", 1),
    SCAN("portscope-scan", 1),
    CHECK("portscope-check", 1),
    CLOSE("portscope-close", 1),
    HISTORY("portscope-history", 1),
    BACKENDS("portscope-backends", 1);

    private final String label;
    private final int version;

    JsonFormat(String label, int version) {
        this.label = label;
        this.version = version;
    }

    /** The {@code format} field: {@code portscope-listing}. */
    public String label() {
        return label;
    }

    /** The {@code version} field. */
    public int version() {
        return version;
    }
}
