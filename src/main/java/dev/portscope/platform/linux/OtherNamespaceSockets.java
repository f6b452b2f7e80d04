package dev.portscope.platform.linux;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.DiagnosticLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Sockets of the network namespaces other than the reader's (containers, {@code ip netns}), read
 * through {@code /proc/<pid>/net} of one process in each: netlink answers for its own namespace only.
 * Without root, only the namespaces of the reader's own processes are seen, and the log says so.
 */
public final class OtherNamespaceSockets {

    private OtherNamespaceSockets() {}

    /**
     * The sockets that {@code query} and {@code filter} accept, each carrying its namespace's inode.
     *
     * @param log told which namespaces could not be read; a namespace whose only process read
     *            exited meanwhile is churn, not reported
     */
    public static List<Socket> find(Path procRoot, SocketQuery query, Predicate<Socket> filter, DiagnosticLog log) {
        long own = NamespaceIds.networkNamespace(procRoot);
        List<Socket> found = new ArrayList<>();
        for (Map.Entry<Long, Integer> ns : NetworkNamespaces.withOneProcessEach(procRoot, log).entrySet()) {
            if (ns.getKey() == own) {
                continue;
            }
            DiagnosticLog tables = new DiagnosticLog();
            ProcNetSocketSource.ofProcess(procRoot, ns.getValue()).scan(query, tables, socket -> {
                if (query.matches(socket) && filter.test(socket)) {
                    found.add(socket);
                }
            });
            if (tables.diagnostics().isEmpty() || !Files.isDirectory(procRoot.resolve(Integer.toString(ns.getValue())))) {
                continue; // its process exited while its tables were read: the namespace may be gone with it
            }
            for (Diagnostic d : tables.diagnostics()) {
                if (d.kind().partial()) { // notes (IPv6 disabled there) say nothing missing
                    log.report(d.kind(), "network namespace " + ns.getKey() + ": " + d.message());
                }
            }
        }
        return found;
    }
}
