package dev.portscope.query;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which sockets a listing wants: protocols, families and, per protocol, the states. A backend may
 * push these down (netlink takes a state bitmask); {@link #matches} is the plain predicate every
 * result is checked against, so pushing down never changes the answer.
 */
public record SocketQuery(
        Set<Protocol> protocols, Set<IpFamily> families, Set<SocketState> tcpStates, Set<SocketState> udpStates) {

    public SocketQuery {
        protocols = Set.copyOf(protocols);
        families = Set.copyOf(families);
        tcpStates = Set.copyOf(tcpStates);
        udpStates = Set.copyOf(udpStates);
    }

    private static final Set<SocketState> ALL_STATES = EnumSet.complementOf(EnumSet.of(SocketState.UNKNOWN));

    /** Sockets waiting for peers: TCP LISTEN and unconnected UDP ({@code ss -l}). */
    public static SocketQuery listening() {
        return new SocketQuery(
                EnumSet.allOf(Protocol.class),
                EnumSet.allOf(IpFamily.class),
                EnumSet.of(SocketState.LISTEN),
                EnumSet.of(SocketState.CLOSE));
    }

    /** Every socket that is not waiting for peers: TCP in any other state, connected UDP. */
    public static SocketQuery connections() {
        Set<SocketState> tcp = EnumSet.copyOf(ALL_STATES);
        tcp.remove(SocketState.LISTEN);
        tcp.add(SocketState.UNKNOWN);
        Set<SocketState> udp = EnumSet.copyOf(ALL_STATES);
        udp.remove(SocketState.CLOSE);
        udp.add(SocketState.UNKNOWN);
        return new SocketQuery(EnumSet.allOf(Protocol.class), EnumSet.allOf(IpFamily.class), tcp, udp);
    }

    /** Every socket in every state. */
    public static SocketQuery all() {
        return new SocketQuery(
                EnumSet.allOf(Protocol.class),
                EnumSet.allOf(IpFamily.class),
                EnumSet.allOf(SocketState.class),
                EnumSet.allOf(SocketState.class));
    }

    public SocketQuery withProtocols(Set<Protocol> chosen) {
        return new SocketQuery(chosen, families, tcpStates, udpStates);
    }

    public SocketQuery withFamilies(Set<IpFamily> chosen) {
        return new SocketQuery(protocols, chosen, tcpStates, udpStates);
    }

    /** Keeps only the given states (intersected with what the query already allowed). */
    public SocketQuery narrowedToStates(Set<SocketState> states) {
        Set<SocketState> tcp = EnumSet.noneOf(SocketState.class);
        tcp.addAll(tcpStates);
        tcp.retainAll(states);
        Set<SocketState> udp = EnumSet.noneOf(SocketState.class);
        udp.addAll(udpStates);
        udp.retainAll(states);
        return new SocketQuery(protocols, families, tcp, udp);
    }

    /** True when no protocol has a state left to ask for: a filter whose states the listing never shows. */
    public boolean wantsNothing() {
        return protocols.stream().allMatch(p -> statesOf(p).isEmpty());
    }

    public Set<SocketState> statesOf(Protocol protocol) {
        return protocol == Protocol.TCP ? tcpStates : udpStates;
    }

    /** Whether the query wants anything of this protocol and family at all. */
    public boolean wants(Protocol protocol, IpFamily family) {
        return protocols.contains(protocol) && families.contains(family) && !statesOf(protocol).isEmpty();
    }

    public boolean matches(Socket socket) {
        return wants(socket.protocol(), socket.family()) && statesOf(socket.protocol()).contains(socket.state());
    }
}
