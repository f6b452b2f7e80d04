package dev.portscope.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything holding a port, as {@link PortScope#who(int)} returns it: listeners first, then sockets
 * using it as their own port, then connections to it on peers.
 *
 * {@snippet :
 * PortUsers users = scope.who(8080);
 * if (users.held()) {
 *     System.err.println("8080 is held by " + users.owners());
 * }
 * }
 *
 * @param port     the port asked about
 * @param uses     every socket involving the port, by role
 * @param notes    what kept the answer from being complete; one line each
 * @param complete false when something could not be read (owners hidden when not root)
 */
public record PortUsers(int port, List<PortUse> uses, List<String> notes, boolean complete) {

    public PortUsers {
        uses = List.copyOf(uses);
        notes = List.copyOf(notes);
    }

    /** True when something on this machine certainly holds the port (connections to a peer's port do not). */
    public boolean held() {
        return uses.stream().anyMatch(u -> u.role().holdsPort() && u.certain());
    }

    /**
     * True when nothing certainly holds the port but a socket may: an IPv6 wildcard whose
     * {@code IPV6_V6ONLY} flag was not reported, asked about an IPv4 address.
     */
    public boolean maybeHeld() {
        return !held() && uses.stream().anyMatch(u -> u.role().holdsPort());
    }

    /** The processes holding the port (in a role that holds it), each once, in the order of {@link #uses()}. */
    public List<Owner> owners() {
        Map<Integer, Owner> byPid = new LinkedHashMap<>();
        for (PortUse use : uses) {
            if (use.role().holdsPort()) {
                use.socket().owners().forEach(o -> byPid.putIfAbsent(o.pid(), o));
            }
        }
        return List.copyOf(byPid.values());
    }
}
