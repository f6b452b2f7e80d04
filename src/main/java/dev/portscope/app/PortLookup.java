package dev.portscope.app;

import dev.portscope.analysis.who.PortHolders;
import dev.portscope.analysis.who.PortReport;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.model.Snapshot;
import dev.portscope.query.PortTarget;
import dev.portscope.query.SocketQuery;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything holding a port: the question {@code portscope who} and the library's {@code PortScope.who}
 * share. Owners are described only for sockets that involve the port; the listeners of other ports
 * are read as context (a connection accepted by a listener on the port is the server side).
 */
public final class PortLookup {

    private PortLookup() {}

    /**
     * @param origins each owner's service unit or container, by pid
     */
    public record Answer(PortReport report, Snapshot snapshot, Map<Integer, ProcessOrigin> origins) {

        public Answer {
            origins = Map.copyOf(origins);
        }
    }

    public static Answer lookup(Session session, PortTarget target, boolean withOwners) {
        Snapshot snapshot = session.inventory().take(SocketQuery.all(),
                s -> PortHolders.needed(s, target), s -> PortHolders.involves(s, target), withOwners);
        PortReport report = PortHolders.analyze(snapshot, target);
        Map<Integer, ProcessOrigin> origins = new HashMap<>();
        for (ProcessInfo p : snapshot.processes().values()) {
            origins.put(p.pid(), session.inventory().origin(p.pid()));
        }
        return new Answer(report, snapshot, origins);
    }
}
