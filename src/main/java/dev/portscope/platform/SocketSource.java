package dev.portscope.platform;

import dev.portscope.model.NetNamespace;
import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import java.util.List;
import java.util.function.Consumer;

/** Where sockets come from: the kernel through one interface or another, or a recording. */
public interface SocketSource {

    /** Short name, as {@code --backend} takes it. */
    String name();

    /**
     * Streams the sockets the query wants to {@code sink}, in the kernel's order. A source may hand
     * over sockets the query does not want (callers re-check {@link SocketQuery#matches}); it must
     * never drop one the query wants.
     */
    void scan(SocketQuery query, DiagnosticLog log, Consumer<Socket> sink);

    /**
     * A source for a long-running watch that scans again and again: it may hand out the previous
     * scan's object for a socket that did not change, so that an unchanged socket costs nothing.
     * Not thread-safe: one watch scans it. This default is the source itself.
     */
    default SocketSource forWatching() {
        return this;
    }

    /**
     * The network namespaces the last scan read (before the first scan, those there are now), their
     * containers not named; empty for a source of the reader's own namespace alone.
     */
    default List<NetNamespace> namespaces() {
        return List.of();
    }
}
