package dev.portscope.engine;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One refresh of an {@link Engine}: every socket now, what changed since the previous refresh, and
 * the closed rows still worth showing.
 *
 * @param sequence       1 for the first refresh
 * @param snapshot       the sockets and their owners now, for the renderers every command shares
 * @param sightings      the same sockets by identity, in the kernel's order, with when each was first seen
 * @param changes        since the previous refresh; the first refresh reports none (everything would be new)
 * @param recentlyClosed sockets closed in the last few refreshes, newest first, with when they closed
 * @param cost           CPU time this refresh took on the engine's thread, or null when unknown
 */
public record Refresh(
        long sequence,
        Snapshot snapshot,
        Map<SocketIdentity, Sighting> sightings,
        List<Change> changes,
        List<Change.Closed> recentlyClosed,
        Duration cost) {

    public Refresh {
        changes = List.copyOf(changes);
        recentlyClosed = List.copyOf(recentlyClosed);
    }

    public Instant time() {
        return snapshot.time();
    }

    public List<Diagnostic> diagnostics() {
        return snapshot.diagnostics();
    }
}
