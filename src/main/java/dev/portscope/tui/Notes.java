package dev.portscope.tui;

import dev.portscope.model.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The diagnostics of a run of refreshes, each kept once: the same unreadable process is reported
 * by every refresh, but said only once.
 */
final class Notes {

    /** More distinct notes than this are counted, not kept: a long run must not grow without bound. */
    private static final int CAP = 200;

    private final Set<Diagnostic> seen = new LinkedHashSet<>();
    private long dropped;
    private boolean partial;

    /** The diagnostics not seen before, in order. */
    List<Diagnostic> add(List<Diagnostic> diagnostics) {
        List<Diagnostic> fresh = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            partial |= d.kind().partial();
            if (seen.contains(d)) {
                continue;
            }
            if (seen.size() >= CAP) {
                dropped++;
                continue;
            }
            seen.add(d);
            fresh.add(d);
        }
        return fresh;
    }

    List<Diagnostic> all() {
        return List.copyOf(seen);
    }

    /** Whether some refresh's answer was incomplete. */
    boolean partial() {
        return partial;
    }

    long dropped() {
        return dropped;
    }
}
