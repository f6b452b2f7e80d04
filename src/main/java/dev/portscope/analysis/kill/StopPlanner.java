package dev.portscope.analysis.kill;

import dev.portscope.analysis.who.Holding;
import dev.portscope.analysis.who.HoldingRole;
import dev.portscope.analysis.who.PortReport;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which processes {@code kill PORT} stops and how. Only servers are targets (listeners,
 * bound sockets, accepted connections); a client that was handed the port as its ephemeral port is
 * never killed for it. pid 1, kernel threads and portscope itself are refused, and so is a process
 * of a system service unless the service manager is asked to stop the unit.
 */
public final class StopPlanner {

    private StopPlanner() {}

    public static StopPlan plan(PortReport report, Map<Integer, ProcessOrigin> origins, long selfPid, boolean viaService) {
        Map<Integer, ProcessInfo> servers = new LinkedHashMap<>();
        List<Holding> clients = new ArrayList<>();
        for (Holding h : report.holdings()) {
            switch (h.role()) {
                case LISTENER, BOUND, ACCEPTED -> h.owners().forEach(p -> servers.putIfAbsent(p.pid(), p));
                case CLIENT_LOCAL_PORT -> clients.add(h);
                case CONNECTED_TO_PORT, PEER_OF_CLIENT -> { } // the port is the peer's: nothing here holds it
            }
        }
        List<StopTarget> targets = new ArrayList<>();
        for (ProcessInfo p : servers.values()) {
            targets.add(decide(p, origins.getOrDefault(p.pid(), ProcessOrigin.NONE), selfPid, viaService));
        }
        return new StopPlan(report, targets, clients);
    }

    private static StopTarget decide(ProcessInfo p, ProcessOrigin origin, long selfPid, boolean viaService) {
        if (p.pid() == 1) {
            return new StopTarget(p, origin, StopAction.REFUSE, "pid 1 is the init process: stopping it takes the machine down");
        }
        if (p.pid() == 2 || p.parentPid() == 2) {
            return new StopTarget(p, origin, StopAction.REFUSE, "a kernel thread cannot be stopped with a signal");
        }
        if (p.pid() == selfPid) {
            return new StopTarget(p, origin, StopAction.REFUSE, "this is portscope itself");
        }
        if (origin.isSystemService()) {
            if (viaService) {
                return new StopTarget(p, origin, StopAction.STOP_SERVICE, null);
            }
            return new StopTarget(p, origin, StopAction.REFUSE, "run by " + origin.systemdUnit()
                    + ", which may restart it: use --via-service to run 'systemctl stop " + origin.systemdUnit() + "'");
        }
        return new StopTarget(p, origin, StopAction.SIGNAL, null);
    }

    /** Roles whose owners are targets, for messages. */
    public static boolean isTargetRole(HoldingRole role) {
        return role == HoldingRole.LISTENER || role == HoldingRole.BOUND || role == HoldingRole.ACCEPTED;
    }
}
