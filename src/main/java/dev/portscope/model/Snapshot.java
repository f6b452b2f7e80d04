package dev.portscope.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything one scan saw: sockets, the processes that hold them, and what kept the answer from
 * being complete. {@code host} is the machine's name, null when unknown (a recording that does not
 * name its machine). {@code namespaces} names the network namespaces the sockets come from when
 * more than the reader's were read ({@code --all-namespaces}), else it is {@link NamespaceIndex#NONE}.
 */
public record Snapshot(
        Instant time,
        String host,
        List<Socket> sockets,
        Map<Integer, ProcessInfo> processes,
        OwnerIndex owners,
        List<Diagnostic> diagnostics,
        NamespaceIndex namespaces) {

    public Snapshot {
        sockets = List.copyOf(sockets);
        processes = Map.copyOf(processes);
        diagnostics = List.copyOf(diagnostics);
        namespaces = namespaces == null ? NamespaceIndex.NONE : namespaces;
    }

    /** A snapshot of the reader's network namespace alone. */
    public Snapshot(Instant time, String host, List<Socket> sockets, Map<Integer, ProcessInfo> processes, OwnerIndex owners,
            List<Diagnostic> diagnostics) {
        this(time, host, sockets, processes, owners, diagnostics, NamespaceIndex.NONE);
    }

    /** The processes holding a socket; empty when none is known (not root, TIME_WAIT, another pid namespace). */
    public List<ProcessInfo> ownersOf(Socket socket) {
        List<ProcessInfo> found = new ArrayList<>(1);
        for (int pid : owners.pidsOf(socket.key())) {
            ProcessInfo process = processes.get(pid);
            if (process != null) {
                found.add(process);
            }
        }
        return found;
    }

    /** True when some diagnostic says part of the answer is missing. */
    public boolean partial() {
        return diagnostics.stream().anyMatch(d -> d.kind().partial());
    }
}
