package dev.portscope.analysis.audit;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A port below 1024 held by no root process: either the socket was opened by an unprivileged user
 * (CAP_NET_BIND_SERVICE granted, or net.ipv4.ip_unprivileged_port_start lowered, see ip-sysctl.rst),
 * or every process holding it dropped root after binding. A master process that stays root (nginx,
 * sshd) with unprivileged workers is not reported.
 */
public record PrivilegedPortRule(RuleInfo info) implements AuditRule {

    /** Ports below this are privileged on Linux by default ({@code ip_unprivileged_port_start}). */
    static final int FIRST_UNPRIVILEGED = 1024;

    @Override
    public List<Finding> check(Snapshot snapshot, Thresholds thresholds) {
        List<Finding> found = new ArrayList<>();
        for (Socket s : snapshot.sockets()) {
            if (!s.isListening() || s.local().port() == 0 || s.local().port() >= FIRST_UNPRIVILEGED) {
                continue;
            }
            List<ProcessInfo> owners = snapshot.ownersOf(s);
            boolean openedByUser = s.uid() > 0;
            boolean noRootOwner = !owners.isEmpty() && owners.stream().allMatch(p -> p.uid() > 0);
            if (openedByUser || noRootOwner) {
                String user = owners.isEmpty() ? "uid " + s.uid() : owners.getFirst().user();
                found.add(new Finding(info, s, owners, "privileged port " + Listeners.describe(s, owners)
                        + " is held by unprivileged user " + user));
            }
        }
        return found;
    }
}
