package dev.portscope.app;

import dev.portscope.analysis.forward.ForwarderCommandLine;
import dev.portscope.analysis.forward.Forwarding;
import dev.portscope.analysis.forward.PublishedPorts;
import dev.portscope.analysis.who.Holding;
import dev.portscope.analysis.who.PortReport;
import dev.portscope.model.PortForward;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import dev.portscope.platform.ContainerNetworks;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.query.PortTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows forwarded ports to where they lead on this machine: a {@code docker-proxy} listener to the
 * container's listener it forwards to, a NAT-published port to its target. The namespaces are the
 * platform's; a replay has none (its sockets are another moment's).
 */
public final class Forwards {

    private final Session session;
    private final boolean withOwners;

    public Forwards(Session session, boolean withOwners) {
        this.session = session;
        this.withOwners = withOwners;
    }

    /** The forward of each {@code docker-proxy} among the report's listeners, by the proxy's pid. */
    public Map<Integer, Forwarding> ofProxies(PortReport report, DiagnosticLog log) {
        Map<Integer, Forwarding> found = new LinkedHashMap<>();
        if (session.isReplay()) {
            return found;
        }
        for (Holding h : report.holdings()) {
            if (!h.role().holdsPort()) {
                continue;
            }
            for (ProcessInfo p : h.owners()) {
                if (!found.containsKey(p.pid())) {
                    ForwarderCommandLine.dockerProxy(p)
                            .filter(f -> f.port() == h.socket().local().port() && f.protocol() == h.socket().protocol())
                            .ifPresent(f -> found.put(p.pid(), resolve(f, log)));
                }
            }
        }
        return found;
    }

    /**
     * Starts reading this machine's NAT rules (none for a replay): call it before reading sockets, and
     * the supplier after, so the tools run meanwhile ({@link ContainerNetworks#natForwardsLater}).
     */
    public java.util.function.Supplier<List<PortForward>> startNatRules(DiagnosticLog log) {
        return session.isReplay() ? List::of : session.platform().containerNetworks().natForwardsLater(log);
    }

    /** The NAT rules of {@code rules} that publish the target's port, each followed to its listener. */
    public List<Forwarding> published(PortTarget target, List<PortForward> rules, DiagnosticLog log) {
        List<Forwarding> found = new ArrayList<>();
        for (PortForward f : PublishedPorts.matching(rules, target)) {
            found.add(resolve(f, log));
        }
        return found;
    }

    /** Every process a forwarding leads to, for their origins. */
    public static List<ProcessInfo> processes(Iterable<Forwarding> forwardings) {
        List<ProcessInfo> all = new ArrayList<>();
        for (Forwarding f : forwardings) {
            f.targets().forEach(t -> all.addAll(t.owners()));
        }
        return all;
    }

    private Forwarding resolve(PortForward forward, DiagnosticLog log) {
        Optional<ContainerNetworks.NamespaceListeners> there = session.platform().containerNetworks()
                .listenersAt(forward.target(), forward.effectiveTargetPort(), forward.protocol(), log);
        if (there.isEmpty()) {
            return new Forwarding(forward, null, List.of());
        }
        List<Socket> sockets = there.get().sockets();
        Map<Long, List<ProcessInfo>> owners = withOwners && !sockets.isEmpty() ? session.inventory().ownersOf(sockets, log) : Map.of();
        List<Forwarding.Target> targets = sockets.stream()
                .map(s -> new Forwarding.Target(s, owners.getOrDefault(s.key(), List.of())))
                .toList();
        return new Forwarding(forward, there.get().namespace(), targets);
    }
}
