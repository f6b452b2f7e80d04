package dev.portscope.analysis.summary;

import dev.portscope.model.AddressOrder;
import dev.portscope.model.IpFamily;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link SocketSummary} from a snapshot; a pure function. */
public final class Summarizer {

    private Summarizer() {}

    /** @param top how many processes and remote hosts to keep */
    public static SocketSummary summarize(Snapshot snapshot, int top) {
        Map<Protocol, Map<IpFamily, Long>> families = new EnumMap<>(Protocol.class);
        Map<Protocol, Map<SocketState, Long>> states = new EnumMap<>(Protocol.class);
        Map<Integer, Long> perProcess = new HashMap<>();
        Map<Integer, Long> closeWait = new HashMap<>();
        Map<InetAddress, Long> perRemote = new HashMap<>();
        long unowned = 0;
        for (Socket s : snapshot.sockets()) {
            families.computeIfAbsent(s.protocol(), p -> new EnumMap<>(IpFamily.class)).merge(s.family(), 1L, Long::sum);
            states.computeIfAbsent(s.protocol(), p -> new EnumMap<>(SocketState.class)).merge(s.state(), 1L, Long::sum);
            int[] pids = snapshot.owners().pidsOf(s.key());
            if (pids.length == 0 && s.key() != 0) {
                unowned++;
            }
            for (int pid : pids) {
                perProcess.merge(pid, 1L, Long::sum);
                if (s.state() == SocketState.CLOSE_WAIT) {
                    closeWait.merge(pid, 1L, Long::sum);
                }
            }
            if (isConnection(s)) {
                perRemote.merge(s.remote().address(), 1L, Long::sum);
            }
        }
        return new SocketSummary(
                snapshot.sockets().size(),
                families,
                states,
                topProcesses(perProcess, snapshot, top),
                top(perRemote, top, AddressOrder.BY_VALUE),
                topProcesses(closeWait, snapshot, top),
                unowned);
    }

    /** A socket with a real peer: not a listener, not an unconnected UDP socket. */
    private static boolean isConnection(Socket s) {
        return !s.isListening() && !(s.remote().isWildcard() && s.remote().port() == 0);
    }

    private static List<Count<ProcessInfo>> topProcesses(Map<Integer, Long> counts, Snapshot snapshot, int top) {
        Map<ProcessInfo, Long> known = new HashMap<>();
        counts.forEach((pid, n) -> {
            ProcessInfo p = snapshot.processes().get(pid);
            if (p != null) {
                known.put(p, n);
            }
        });
        return top(known, top, Comparator.comparingInt(ProcessInfo::pid));
    }

    private static <T> List<Count<T>> top(Map<T, Long> counts, int top, Comparator<T> tieBreak) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<T, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey(tieBreak)))
                .limit(top)
                .map(e -> new Count<>(e.getKey(), e.getValue()))
                .toList();
    }
}
