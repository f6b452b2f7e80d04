package dev.portscope.tui;

import dev.portscope.engine.Sighting;
import dev.portscope.engine.SocketIdentity;
import java.util.Set;

/**
 * One row of {@code top}: a socket as last seen, and how it is marked.
 *
 * @param changed the cells whose value changed in the last refreshes (shown yellow)
 */
public record TopRow(SocketIdentity identity, Sighting sighting, Mark mark, Set<TopColumn> changed) {

    public TopRow {
        changed = Set.copyOf(changed);
    }

    /** How a row stands out. */
    public enum Mark {
        NONE,
        /** Opened in the last refreshes (green). */
        NEW,
        /** Closed in the last few refreshes, kept dimmed (red) until the engine lets it go. */
        CLOSED
    }
}
