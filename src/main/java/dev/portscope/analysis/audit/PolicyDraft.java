package dev.portscope.analysis.audit;

import dev.portscope.analysis.CloseWaitPileUps;
import dev.portscope.model.PortRange;

import dev.portscope.model.Exposure;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code audit --init}: a policy that accepts the machine as it is now, for the user to tighten. Pure. */
public final class PolicyDraft {

    private PolicyDraft() {}

    public static Policy accepting(Snapshot snapshot) {
        Map<String, AllowedListener> allow = new LinkedHashMap<>();
        for (Socket s : snapshot.sockets()) {
            if (!s.isListening() || s.local().port() == 0) {
                continue;
            }
            List<ProcessInfo> owners = snapshot.ownersOf(s);
            String process = owners.isEmpty() ? null : owners.getFirst().name();
            String user = owners.isEmpty() ? null : owners.getFirst().user();
            // The executable pins the program: a name alone can be taken by any user's process.
            String executable = owners.isEmpty() || owners.getFirst().executableDeleted() ? null : owners.getFirst().executable();
            var listener = new AllowedListener(new PortMatch(PortRange.of(s.local().port()), s.protocol()),
                    Scope.of(Exposure.of(s.local())), process, user, executable);
            // One entry per port, protocol and program: the widest scope among its sockets.
            String key = listener.match() + " " + process + " " + user + " " + executable;
            allow.merge(key, listener, (a, b) -> a.scope().compareTo(b.scope()) >= 0 ? a : b);
        }
        List<AllowedListener> listeners = new ArrayList<>(allow.values());
        listeners.sort(java.util.Comparator.comparingInt((AllowedListener a) -> a.match().ports().first())
                .thenComparing(a -> a.match().protocol()));
        // one more than the most any holder has now: the machine as it is passes (the rule counts "at least")
        int most = CloseWaitPileUps.find(snapshot, 1).stream().mapToInt(CloseWaitPileUps.PileUp::count).max().orElse(0);
        var thresholds = new Thresholds(Math.max(Thresholds.DEFAULT.closeWaitPerProcess(), most + 1));
        return new Policy(listeners, List.of(), List.of(), thresholds, Map.of());
    }
}
