package dev.portscope.analysis.probe;

import dev.portscope.model.IpFamily;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The TCP listeners of a snapshot, one target per port. Pure. */
public final class ProbeTargets {

    private ProbeTargets() {}

    /**
     * One target per listening port, ascending: connected through an address it is bound to (the
     * loopback address of its family for a wildcard), preferring IPv4 when a port listens on both.
     */
    public static List<ProbeTarget> of(Snapshot snapshot) {
        Map<Integer, List<Socket>> byPort = new TreeMap<>();
        for (Socket s : snapshot.sockets()) {
            if (s.protocol() == Protocol.TCP && s.state() == SocketState.LISTEN) {
                byPort.computeIfAbsent(s.local().port(), p -> new ArrayList<>()).add(s);
            }
        }
        List<ProbeTarget> targets = new ArrayList<>();
        byPort.forEach((port, sockets) -> {
            Socket chosen = sockets.stream().filter(s -> connectAddress(s) instanceof Inet4Address).findFirst().orElse(sockets.getFirst());
            Set<ProcessInfo> owners = new LinkedHashSet<>();
            sockets.forEach(s -> owners.addAll(snapshot.ownersOf(s)));
            targets.add(new ProbeTarget(new InetSocketAddress(connectAddress(chosen), port), new ArrayList<>(owners)));
        });
        return targets;
    }

    /** A wildcard takes connections on loopback too: 127.0.0.1 for IPv4, ::1 for IPv6 (an IPv6 socket may be IPV6_V6ONLY). */
    static InetAddress connectAddress(Socket s) {
        InetAddress a = s.local().address();
        if (!a.isAnyLocalAddress()) {
            return a;
        }
        return InetAddress.ofLiteral(s.family() == IpFamily.IPV6 ? "::1" : "127.0.0.1");
    }
}
