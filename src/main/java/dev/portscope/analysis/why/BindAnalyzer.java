package dev.portscope.analysis.why;

import dev.portscope.model.AddressText;
import dev.portscope.platform.PortSettings;
import dev.portscope.platform.BindTrial;

import dev.portscope.model.AddressClaim;
import dev.portscope.model.IpFamily;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges a bind the way the kernel will ({@code inet_csk_bind_conflict}, {@code udp_lib_lport_inuse}):
 * a socket of the same protocol on the same port is in the way when the addresses overlap, unless
 * both sockets set {@code SO_REUSEADDR} and the other is not listening, or both set
 * {@code SO_REUSEPORT} under the same user. The kernel does not report the options of existing
 * sockets, so a blocker that an option could lift is "uncertain" when the new socket sets it;
 * {@code --try} settles it. A socket bound to an interface ({@code SO_BINDTODEVICE}, shown as
 * {@code 0.0.0.0%lo}) is in the way of a bind made without one all the same ({@code inet_bind_conflict}
 * compares devices only when both sockets have one), and the bind asked about never has one.
 */
public final class BindAnalyzer {

    private BindAnalyzer() {}

    /**
     * @param request        the bind
     * @param onPort         the sockets of this network namespace whose local port is the port, with owners
     * @param settings       the kernel's port settings
     * @param addressIsLocal whether the address is one of this machine's (always true for a wildcard)
     * @param foreign        sockets on the port in other network namespaces
     * @param trial          the real bind's outcome, null when not tried
     */
    public static BindReport analyze(
            BindRequest request,
            List<OwnedSocket> onPort,
            PortSettings settings,
            boolean addressIsLocal,
            List<OwnedSocket> foreign,
            BindTrial trial) {
        List<String> cautions = new ArrayList<>();
        List<OwnedSocket> bystanders = new ArrayList<>();
        List<OwnedSocket> conflicting = new ArrayList<>();
        boolean v6OnlyAssumed = false;
        AddressClaim wanted = request.claim();
        for (OwnedSocket held : onPort) {
            Socket s = held.socket();
            if (s.protocol() != request.protocol() || s.local().port() != request.port() || s.state() == SocketState.SYN_RECV) {
                continue; // a SYN_RECV request is not bound: its listener is
            }
            v6OnlyAssumed |= AddressClaim.v6OnlyDecides(s);
            if (AddressClaim.of(s, settings.bindV6Only()).overlaps(wanted)) {
                conflicting.add(held);
            } else {
                bystanders.add(held);
            }
        }
        if (v6OnlyAssumed) {
            cautions.add("the IPV6_V6ONLY flag of IPv6 wildcard sockets is unknown without netlink; assumed "
                    + (settings.bindV6Only() ? "set" : "unset") + " (net.ipv6.bindv6only = " + (settings.bindV6Only() ? 1 : 0) + ")");
        }
        List<Blocker> blockers = request.protocol() == Protocol.TCP
                ? tcpBlockers(request, conflicting, settings, bystanders, cautions)
                : udpBlockers(request, conflicting, bystanders, cautions);
        settingBlockers(request, settings, addressIsLocal, blockers);
        portRangeCautions(request.port(), settings, cautions);
        if (!settings.assumed().isEmpty()) {
            cautions.add("could not read " + String.join(", ", settings.assumed()) + "; the kernel's defaults were assumed");
        }
        BindVerdict verdict = verdict(blockers, trial, cautions);
        return new BindReport(request, settings, blockers, bystanders, foreign, cautions, trial, verdict,
                nextStep(request, blockers, verdict, foreign, settings));
    }

    private static List<Blocker> tcpBlockers(
            BindRequest request, List<OwnedSocket> conflicting, PortSettings settings, List<OwnedSocket> bystanders, List<String> cautions) {
        List<Blocker> blockers = new ArrayList<>();
        Map<BlockerKind, List<OwnedSocket>> grouped = new LinkedHashMap<>();
        boolean listened = conflicting.stream().anyMatch(h -> h.socket().state() == SocketState.LISTEN);
        for (OwnedSocket held : conflicting) {
            Socket s = held.socket();
            switch (s.state()) {
                case LISTEN -> {
                    int group = sameEndpoint(s, conflicting);
                    if (group > 1 && request.reusePort() && s.uid() == request.uid()) {
                        bystanders.add(held);
                        String joins = "the listeners on " + request.port() + " form an SO_REUSEPORT group of " + group
                                + " sockets of uid " + s.uid() + ": this socket joins it and shares the connections";
                        if (!cautions.contains(joins)) {
                            cautions.add(joins);
                        }
                        continue;
                    }
                    boolean dualStack = request.family() == IpFamily.IPV4
                            && AddressClaim.of(s, settings.bindV6Only()).takesIpv4AsDualStack(s.family());
                    blockers.add(listenerBlocker(request, held, group, dualStack, conflicting));
                }
                case CLOSE, BOUND_INACTIVE -> blockers.add(new Blocker(BlockerKind.BOUND_NOT_LISTENING, List.of(s), held.owners(),
                        "a socket bound to the port but not listening holds it all the same; /proc/net/tcp and netstat do not show it",
                        "SO_REUSEADDR", !request.reuseAddress()));
                case TIME_WAIT -> grouped.computeIfAbsent(BlockerKind.TIME_WAIT, k -> new ArrayList<>()).add(held);
                default -> {
                    if (listened) {
                        continue; // the listener's accepted connections: the listener is the one to name
                    }
                    // No listener: a connection on a port of the ephemeral range is most likely a client's.
                    BlockerKind kind = settings.isEphemeral(request.port()) ? BlockerKind.EPHEMERAL_CLIENT : BlockerKind.CONNECTION;
                    grouped.computeIfAbsent(kind, k -> new ArrayList<>()).add(held);
                }
            }
        }
        grouped.forEach((kind, held) -> blockers.add(groupBlocker(kind, held, request)));
        blockers.sort(Comparator.comparing(Blocker::kind));
        return blockers;
    }

    private static Blocker listenerBlocker(BindRequest request, OwnedSocket held, int group, boolean dualStack, List<OwnedSocket> conflicting) {
        Socket s = held.socket();
        long accepted = conflicting.stream().filter(h -> h.socket().state() != SocketState.LISTEN
                && h.socket().state() != SocketState.TIME_WAIT && h.socket().state() != SocketState.CLOSE).count();
        String also = accepted > 0 ? " (with " + accepted + " connection" + (accepted == 1 ? "" : "s") + " on the port)" : "";
        String explanation;
        if (dualStack) {
            explanation = "an IPv6 wildcard listener without IPV6_V6ONLY takes the port on every IPv4 address too: "
                    + "nothing listens on the IPv4 address yet the bind fails" + also;
        } else if (s.local().address().isAnyLocalAddress() && AddressClaim.ipv4Mapped(s.family(), s.local().address())) {
            explanation = "an IPv6 listener on ::ffff:0.0.0.0 takes the port on every IPv4 address (and no IPv6 address)" + also;
        } else if (s.local().address().isAnyLocalAddress()) {
            explanation = "a listener on the wildcard address takes the port on every address" + also;
        } else if (request.address().isAnyLocalAddress()) {
            explanation = "a wildcard bind needs the port on every address, and this listener holds it on one" + also;
        } else {
            explanation = "a listener holds the same address and port" + also;
        }
        String liftedBy = null;
        boolean certain = true;
        if (group > 1 && s.uid() == request.uid()) {
            explanation += "; it is an SO_REUSEPORT group of " + group + " sockets that a socket of the same user may join";
            liftedBy = "SO_REUSEPORT";
        } else if (request.reusePort() && s.uid() == request.uid()) {
            liftedBy = "SO_REUSEPORT";
            certain = false;
        }
        return new Blocker(dualStack ? BlockerKind.DUAL_STACK_LISTENER : BlockerKind.LISTENER, List.of(s), held.owners(),
                explanation, liftedBy, certain);
    }

    private static Blocker groupBlocker(BlockerKind kind, List<OwnedSocket> held, BindRequest request) {
        String explanation = switch (kind) {
            case TIME_WAIT -> held.size() + " connection" + (held.size() == 1 ? "" : "s")
                    + " closed from this side wait out TIME_WAIT (60 s on Linux) and keep the port; "
                    + "a socket with SO_REUSEADDR may bind over them (servers' sockets usually have it)";
            case EPHEMERAL_CLIENT -> held.size() + " client socket" + (held.size() == 1 ? " was" : "s were")
                    + " handed the port as ephemeral port by the kernel";
            default -> held.size() + " connection" + (held.size() == 1 ? " still uses" : "s still use")
                    + " the port as local port, with no listener left";
        };
        boolean certain = kind == BlockerKind.TIME_WAIT ? !request.reuseAddress() && !request.reusePort() : !request.reuseAddress();
        return new Blocker(kind, held.stream().map(OwnedSocket::socket).toList(), owners(held), explanation, "SO_REUSEADDR", certain);
    }

    private static List<Blocker> udpBlockers(BindRequest request, List<OwnedSocket> conflicting, List<OwnedSocket> bystanders, List<String> cautions) {
        List<Blocker> blockers = new ArrayList<>();
        for (OwnedSocket held : conflicting) {
            Socket s = held.socket();
            int group = sameEndpoint(s, conflicting);
            String explanation = s.state() == SocketState.ESTABLISHED
                    ? "a connected UDP socket is bound to the port"
                    : "a UDP socket is bound to the " + (s.local().address().isAnyLocalAddress() ? "wildcard address and " : "") + "port";
            if (group > 1) {
                explanation += "; " + group + " sockets share it, so its holders set SO_REUSEADDR or SO_REUSEPORT";
            }
            boolean certain = !request.reuseAddress() && !(request.reusePort() && s.uid() == request.uid());
            blockers.add(new Blocker(BlockerKind.UDP_SOCKET, List.of(s), held.owners(), explanation, "SO_REUSEADDR or SO_REUSEPORT", certain));
        }
        return blockers;
    }

    private static void settingBlockers(BindRequest request, PortSettings settings, boolean addressIsLocal, List<Blocker> blockers) {
        if (request.port() != 0 && request.port() < settings.unprivilegedPortStart() && !request.mayBindPrivileged()) {
            blockers.add(new Blocker(BlockerKind.PRIVILEGED_PORT, List.of(), List.of(),
                    "ports below " + settings.unprivilegedPortStart() + " (net.ipv4.ip_unprivileged_port_start) need root or "
                            + "CAP_NET_BIND_SERVICE, which " + request.user() + " does not have: bind fails with EACCES",
                    null, true));
        }
        if (!addressIsLocal && !settings.nonLocalBind()) {
            blockers.add(new Blocker(BlockerKind.ADDRESS_NOT_LOCAL, List.of(), List.of(),
                    AddressText.of(request.address(), request.family()) + " is not an address of this machine: bind fails with EADDRNOTAVAIL",
                    null, true));
        }
        blockers.sort(Comparator.comparing(Blocker::kind));
    }

    private static void portRangeCautions(int port, PortSettings settings, List<String> cautions) {
        String range = settings.ephemeralFirst() + "-" + settings.ephemeralLast();
        if (settings.isReserved(port)) {
            cautions.add(port + " is in net.ipv4.ip_local_reserved_ports: the kernel never hands it to client sockets");
        } else if (settings.isEphemeral(port)) {
            cautions.add(port + " is inside the ephemeral range " + range + " (net.ipv4.ip_local_port_range): the kernel may "
                    + "hand it to any client socket, which then holds it; reserve it with "
                    + "sysctl -w net.ipv4.ip_local_reserved_ports=" + port);
        }
    }

    private static BindVerdict verdict(List<Blocker> blockers, BindTrial trial, List<String> cautions) {
        boolean settingBlocks = blockers.stream().anyMatch(b -> b.sockets().isEmpty() && b.certain());
        BindVerdict fromSockets = blockers.stream().anyMatch(b -> !b.sockets().isEmpty() && b.certain())
                ? BindVerdict.BLOCKED
                : blockers.stream().anyMatch(b -> !b.sockets().isEmpty()) ? BindVerdict.UNCERTAIN : BindVerdict.FREE;
        if (trial != null) {
            BindVerdict tried = trial.succeeded() ? BindVerdict.FREE : BindVerdict.BLOCKED;
            if (tried == BindVerdict.BLOCKED && fromSockets == BindVerdict.FREE && !settingBlocks) {
                cautions.add("the kernel refused the bind for a reason not visible here (SO_BINDTODEVICE, a holder that "
                        + "appeared since, or a security module)");
            }
            if (tried == BindVerdict.FREE && fromSockets == BindVerdict.BLOCKED) {
                cautions.add("the kernel accepted the bind: the sockets in the way set SO_REUSEADDR/SO_REUSEPORT as the "
                        + "trial did, or closed meanwhile");
            }
            fromSockets = tried;
        }
        return settingBlocks ? BindVerdict.BLOCKED : fromSockets;
    }

    private static String nextStep(BindRequest request, List<Blocker> blockers, BindVerdict verdict, List<OwnedSocket> foreign, PortSettings settings) {
        int port = request.port();
        if (verdict == BindVerdict.FREE) {
            String step = "nothing is in the way: bind " + request.protocol().label() + " port " + port;
            if (!foreign.isEmpty()) {
                step += "; if the service runs in another network namespace (a container), the holder there is what blocks it";
            }
            return step + ".";
        }
        if (verdict == BindVerdict.UNCERTAIN && blockers.stream().noneMatch(Blocker::certain)) {
            return "it depends on the holders' socket options, which the kernel does not report: add --try to let the kernel answer.";
        }
        if (blockers.isEmpty()) {
            return "the kernel refused the bind for a reason portscope cannot see: look for SO_BINDTODEVICE sockets on the port "
                    + "(ss -tulpn) or a security module's log.";
        }
        Blocker first = blockers.stream().filter(Blocker::certain).findFirst().orElse(blockers.getFirst());
        String owner = ownerText(first.owners());
        return switch (first.kind()) {
            case LISTENER, BOUND_NOT_LISTENING, UDP_SOCKET -> (owner.isEmpty() ? "find its holder as root (portscope who " + port + ")"
                    : "stop " + owner + " (portscope kill " + port + ")") + ", or bind another port"
                    + (first.liftedBy() != null && first.kind() == BlockerKind.LISTENER ? ", or join its group with SO_REUSEPORT" : "") + ".";
            case DUAL_STACK_LISTENER -> (owner.isEmpty() ? "its holder" : owner) + " listens on [::]:" + port
                    + " for IPv4 too: stop it (portscope kill " + port + "), have it set IPV6_V6ONLY, or serve IPv4 through it.";
            case TIME_WAIT -> request.reuseAddress()
                    ? "the sockets in TIME_WAIT were made without SO_REUSEADDR: wait, TIME_WAIT ends within 60 s."
                    : "set SO_REUSEADDR on the new socket (check with --reuse addr), or wait: TIME_WAIT ends within 60 s.";
            case CONNECTION -> "the connections end when " + (owner.isEmpty() ? "their holder" : owner)
                    + " closes them or exits; SO_REUSEADDR on both sockets lets a new listener bind meanwhile.";
            case EPHEMERAL_CLIENT -> "the port is free again when " + (owner.isEmpty() ? "that client" : owner)
                    + " closes its connection; reserve it so that it stays free: sysctl -w net.ipv4.ip_local_reserved_ports=" + port + ".";
            case PRIVILEGED_PORT -> "run the service as root, grant it CAP_NET_BIND_SERVICE (setcap cap_net_bind_service=+ep PROGRAM, "
                    + "or AmbientCapabilities=CAP_NET_BIND_SERVICE in its systemd unit), or use a port from "
                    + settings.unprivilegedPortStart() + " up.";
            case ADDRESS_NOT_LOCAL -> "bind an address of this machine (ip -brief address) or the wildcard, "
                    + "or allow it with sysctl -w net.ipv4.ip_nonlocal_bind=1.";
        };
    }

    private static String ownerText(List<ProcessInfo> owners) {
        if (owners.isEmpty()) {
            return "";
        }
        ProcessInfo p = owners.getFirst();
        return p.name() + " (pid " + p.pid() + (owners.size() > 1 ? ", and " + (owners.size() - 1) + " more" : "") + ")";
    }

    private static int sameEndpoint(Socket socket, List<OwnedSocket> sockets) {
        int count = 0;
        for (OwnedSocket other : sockets) {
            Socket o = other.socket();
            if (o.state() == socket.state() && o.family() == socket.family() && o.local().equals(socket.local())) {
                count++;
            }
        }
        return count;
    }

    private static List<ProcessInfo> owners(List<OwnedSocket> held) {
        Set<Integer> seen = new LinkedHashSet<>();
        List<ProcessInfo> owners = new ArrayList<>();
        for (OwnedSocket h : held) {
            for (ProcessInfo p : h.owners()) {
                if (seen.add(p.pid())) {
                    owners.add(p);
                }
            }
        }
        return owners;
    }
}
