package dev.portscope.platform.linux;

import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.DiagnosticLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Sockets of the network namespaces other than the reader's (containers, {@code ip netns}), read
 * through {@code /proc/<pid>/net} of one process in each: netlink answers for its own namespace only.
 * Without root, only the namespaces of the reader's own processes are seen.
 */
public final class OtherNamespaceSockets {

    private OtherNamespaceSockets() {}

    /** The sockets that {@code query} and {@code filter} accept, each carrying its namespace's inode. */
    public static List<Socket> find(Path procRoot, SocketQuery query, Predicate<Socket> filter) {
        long own = NamespaceIds.networkNamespace(procRoot);
        List<Socket> found = new ArrayList<>();
        for (Map.Entry<Long, Integer> ns : NetworkNamespaces.withOneProcessEach(procRoot).entrySet()) {
            if (ns.getKey() == own) {
                continue;
            }
            // A process that exits meanwhile leaves nothing to read: its namespace is skipped, not reported.
            DiagnosticLog quiet = new DiagnosticLog();
            ProcNetSocketSource.ofProcess(procRoot, ns.getValue()).scan(query, quiet, socket -> {
                if (query.matches(socket) && filter.test(socket)) {
                    found.add(socket);
                }
            });
        }
        return found;
    }
}
