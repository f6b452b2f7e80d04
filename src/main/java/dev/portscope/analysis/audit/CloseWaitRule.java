package dev.portscope.analysis.audit;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A process with many connections in CLOSE_WAIT: the peer closed, the program never did. Each one
 * holds a descriptor and kernel memory until the process exits; it is a leak in the program.
 */
public record CloseWaitRule(RuleInfo info) implements AuditRule {

    @Override
    public List<Finding> check(Snapshot snapshot, Thresholds thresholds) {
        Map<Integer, Integer> counts = new TreeMap<>();
        Map<Integer, Socket> example = new TreeMap<>();
        for (Socket s : snapshot.sockets()) {
            if (s.state() != SocketState.CLOSE_WAIT) {
                continue;
            }
            for (ProcessInfo p : snapshot.ownersOf(s)) {
                counts.merge(p.pid(), 1, Integer::sum);
                example.putIfAbsent(p.pid(), s);
            }
        }
        List<Finding> found = new ArrayList<>();
        counts.forEach((pid, count) -> {
            if (count > thresholds.closeWaitPerProcess()) {
                ProcessInfo p = snapshot.processes().get(pid);
                found.add(new Finding(info, example.get(pid), List.of(p), "pid " + pid + " (" + p.name() + ") has " + count
                        + " connections in CLOSE_WAIT (threshold " + thresholds.closeWaitPerProcess() + ")"));
            }
        });
        return found;
    }
}
