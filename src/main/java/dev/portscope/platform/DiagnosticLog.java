package dev.portscope.platform;

import dev.portscope.model.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what kept a scan from being complete. Repeats of one message are counted, not listed,
 * and malformed-input reports are capped so a broken file cannot flood the terminal. Thread-safe.
 */
public final class DiagnosticLog {

    private static final int MAX_MALFORMED_REPORTS = 5;

    private final Map<String, Diagnostic> reported = new LinkedHashMap<>();
    private int malformed;

    public synchronized void report(Diagnostic.Kind kind, String message) {
        reported.putIfAbsent(message, new Diagnostic(kind, message));
    }

    /** Reports undecodable input: {@code where} names the file and line (or message offset). */
    public synchronized void malformed(String where, String what) {
        malformed++;
        if (malformed <= MAX_MALFORMED_REPORTS) {
            report(Diagnostic.Kind.MALFORMED_INPUT, where + ": " + what + " (entry skipped)");
        }
    }

    public synchronized List<Diagnostic> diagnostics() {
        List<Diagnostic> all = new ArrayList<>(reported.values());
        if (malformed > MAX_MALFORMED_REPORTS) {
            all.add(new Diagnostic(
                    Diagnostic.Kind.MALFORMED_INPUT,
                    (malformed - MAX_MALFORMED_REPORTS) + " more malformed entries skipped"));
        }
        return all;
    }
}
