package dev.portscope.analysis.kill;

import dev.portscope.analysis.who.Holding;
import dev.portscope.analysis.who.HoldingRole;
import dev.portscope.analysis.who.PortReport;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which processes {@code kill PORT} stops and how. Only servers are targets (listeners,
 * bound sockets, accepted connections); a client that was handed the port as its ephemeral port is
 * never killed for it. pid 1, kernel threads, portscope itself and the processes that started it
 * are refused, and so is a process of a system service unless the service manager is asked to stop
 * the unit. When portscope or one of its ancestors holds the port (a descriptor inherited from the
 * shell), nothing is stopped: the port would stay held whatever happened to the others.
 */
public final class StopPlanner {

    private StopPlanner() {}

    /**
     * @param report     the sockets on the port, by role, with the holders that could be seen
     * @param complete   whether every process could be read, so that no holder is hidden
     * @param origins    the service unit or container of each holder
     * @param self       portscope's process and its ancestors
     * @param viaService whether to stop a system service's process through its unit
     */
    public static StopPlan plan(PortReport report, boolean complete, Map<Integer, ProcessOrigin> origins, Lineage self,
            boolean viaService) {
        Map<Integer, ProcessInfo> servers = new LinkedHashMap<>();
        List<Holding> clients = new ArrayList<>();
        for (Holding h : report.holdings()) {
            switch (h.role()) {
                case LISTENER, BOUND, ACCEPTED -> h.owners().forEach(p -> servers.putIfAbsent(p.pid(), p));
                case CLIENT_LOCAL_PORT -> clients.add(h);
                case CONNECTED_TO_PORT, PEER_OF_CLIENT -> { } // the port is the peer's: nothing here holds it
            }
        }
        Optional<ProcessInfo> nearestAncestor = servers.values().stream()
                .filter(p -> self.generation(p.pid()) > 0)
                .min(Comparator.comparingInt(p -> self.generation(p.pid())));
        boolean selfHolds = servers.containsKey(Math.toIntExact(self.self()));
        List<StopTarget> targets = new ArrayList<>();
        for (ProcessInfo p : servers.values()) {
            ProcessOrigin origin = origins.getOrDefault(p.pid(), ProcessOrigin.NONE);
            StopTarget target = decide(p, origin, self, selfHolds, nearestAncestor, viaService);
            if (target.action() != StopAction.REFUSE && (selfHolds || nearestAncestor.isPresent())) {
                target = new StopTarget(p, origin, StopAction.REFUSE, "not stopped: " + heldByLineage(self, nearestAncestor)
                        + " holds the port too, so stopping this process would not free it");
            }
            targets.add(target);
        }
        return new StopPlan(report, targets, clients, complete);
    }

    /**
     * What stopping these processes themselves would do ({@code top}'s key on a row, which names
     * processes rather than a port): each is judged as {@link #plan} judges a port's servers, with the
     * same refusals (pid 1, kernel threads, portscope and the processes that started it, a system
     * service's process unless the service manager is asked).
     */
    public static List<StopTarget> targets(List<ProcessInfo> processes, Map<Integer, ProcessOrigin> origins, Lineage self,
            boolean viaService) {
        Optional<ProcessInfo> nearestAncestor = processes.stream()
                .filter(p -> self.generation(p.pid()) > 0)
                .min(Comparator.comparingInt(p -> self.generation(p.pid())));
        boolean selfHolds = processes.stream().anyMatch(p -> p.pid() == self.self());
        List<StopTarget> targets = new ArrayList<>();
        for (ProcessInfo p : processes) {
            targets.add(decide(p, origins.getOrDefault(p.pid(), ProcessOrigin.NONE), self, selfHolds, nearestAncestor, viaService));
        }
        return targets;
    }

    private static StopTarget decide(ProcessInfo p, ProcessOrigin origin, Lineage self, boolean selfHolds,
            Optional<ProcessInfo> nearestAncestor, boolean viaService) {
        if (p.pid() == 1) {
            return new StopTarget(p, origin, StopAction.REFUSE, "pid 1 is the init process: stopping it takes the machine down");
        }
        if (p.pid() == 2 || p.parentPid() == 2) {
            return new StopTarget(p, origin, StopAction.REFUSE, "a kernel thread cannot be stopped with a signal");
        }
        if (p.pid() == self.self()) {
            String reason = nearestAncestor
                    .map(a -> "this is portscope itself, which holds the socket too: it inherited it from its "
                            + Lineage.relation(self.generation(a.pid())) + " (pid " + a.pid() + ")")
                    .orElse("this is portscope itself");
            return new StopTarget(p, origin, StopAction.REFUSE, reason);
        }
        int generation = self.generation(p.pid());
        if (generation > 0) {
            String reason = "it is portscope's " + Lineage.relation(generation) + ", and portscope never stops the processes that started it";
            reason += selfHolds
                    ? "; portscope inherited the socket from it: close the inherited descriptor there"
                            + " (in a shell: exec N>&- for descriptor N) and run kill again"
                    : "; close the socket there, or stop it from another shell";
            return new StopTarget(p, origin, StopAction.REFUSE, reason);
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

    private static String heldByLineage(Lineage self, Optional<ProcessInfo> nearestAncestor) {
        return nearestAncestor
                .map(a -> "portscope's " + Lineage.relation(self.generation(a.pid())) + " (pid " + a.pid() + ", " + a.name() + ")")
                .orElse("portscope itself");
    }

    /** Roles whose owners are targets, for messages. */
    public static boolean isTargetRole(HoldingRole role) {
        return role == HoldingRole.LISTENER || role == HoldingRole.BOUND || role == HoldingRole.ACCEPTED;
    }
}
