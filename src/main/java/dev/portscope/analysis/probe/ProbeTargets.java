package dev.portscope.analysis.probe;

import dev.portscope.model.AddressClaim;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/** The listeners of a snapshot to probe, one target per protocol and port. Pure. */
public final class ProbeTargets {

    private ProbeTargets() {}

    /** The TCP listeners, as {@link #of(Snapshot, BiPredicate)}. */
    public static List<ProbeTarget> of(Snapshot snapshot) {
        return of(snapshot, (protocol, port) -> protocol == Protocol.TCP);
    }

    /** The listeners {@code wanted} accepts, as {@link #select}, with no port excluded. */
    public static List<ProbeTarget> of(Snapshot snapshot, BiPredicate<Protocol, Integer> wanted) {
        return select(snapshot, wanted, ExcludedPorts.none()).probed();
    }

    /**
     * What to probe, and what {@code --exclude} kept back: both in the order of {@link #select}.
     *
     * @param probed   the targets to connect to
     * @param excluded listeners that were wanted but whose port is excluded: never to be connected to
     */
    public record Selection(List<ProbeTarget> probed, List<ProbeTarget> excluded) {
        public Selection {
            probed = List.copyOf(probed);
            excluded = List.copyOf(excluded);
        }
    }

    /**
     * One target per listening port that {@code wanted} accepts (TCP listeners, unconnected UDP
     * sockets), TCP first, ports ascending: connected through an address it is bound to (the
     * loopback address of its family for a wildcard), preferring IPv4 when a port listens on both.
     * Ports in {@code excluded} go to {@link Selection#excluded()} instead, whichever the protocol.
     */
    public static Selection select(Snapshot snapshot, BiPredicate<Protocol, Integer> wanted, ExcludedPorts excluded) {
        Map<Protocol, Map<Integer, List<Socket>>> byPort = new EnumMap<>(Protocol.class);
        for (Socket s : snapshot.sockets()) {
            if (s.isListening() && s.local().port() != 0 && wanted.test(s.protocol(), s.local().port()) && reachableFromHere(s)) {
                byPort.computeIfAbsent(s.protocol(), p -> new TreeMap<>()).computeIfAbsent(s.local().port(), p -> new ArrayList<>()).add(s);
            }
        }
        List<ProbeTarget> probed = new ArrayList<>();
        List<ProbeTarget> kept = new ArrayList<>();
        byPort.forEach((protocol, ports) -> ports.forEach((port, sockets) -> {
            Socket chosen = sockets.stream().filter(s -> connectAddress(s) instanceof Inet4Address).findFirst().orElse(sockets.getFirst());
            Set<ProcessInfo> owners = new LinkedHashSet<>();
            sockets.forEach(s -> owners.addAll(snapshot.ownersOf(s)));
            ProbeTarget target = new ProbeTarget(protocol, new InetSocketAddress(connectAddress(chosen), port), new ArrayList<>(owners));
            (excluded.contains(port) ? kept : probed).add(target);
        }));
        return new Selection(probed, kept);
    }

    /**
     * A socket bound to an interface other than loopback takes only what arrives there; a connection
     * from this machine arrives on loopback, whatever address it goes to (its route is {@code local ... dev lo}).
     */
    private static boolean reachableFromHere(Socket s) {
        return s.local().device() == null || s.local().device().loopback();
    }

    /**
     * A wildcard takes connections on loopback too: ::1 when it takes IPv6 addresses (an IPv6 socket
     * may be IPV6_V6ONLY), else 127.0.0.1 (0.0.0.0, and ::ffff:0.0.0.0, which takes no IPv6 address).
     */
    static InetAddress connectAddress(Socket s) {
        InetAddress a = s.local().address();
        if (!a.isAnyLocalAddress()) {
            return a;
        }
        return InetAddress.ofLiteral(AddressClaim.of(s, true).allIpv6() ? "::1" : "127.0.0.1");
    }
}
