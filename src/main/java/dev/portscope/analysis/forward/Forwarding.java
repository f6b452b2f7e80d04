package dev.portscope.analysis.forward;

import dev.portscope.model.PortForward;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import java.util.List;

/**
 * A forwarded port and where it leads: the namespace owning the target address, and what waits
 * on the target port there, with its holders.
 *
 * @param forward   the forward (a {@code docker-proxy}'s command line, a DNAT rule)
 * @param namespace the network namespace holding the target address; null when none on this machine
 *                  does (the target is elsewhere, or its namespace could not be read)
 * @param targets   the listeners on the target port there; empty when nothing listens (or when the
 *                  namespace is unknown)
 */
public record Forwarding(PortForward forward, String namespace, List<Target> targets) {

    public Forwarding {
        targets = List.copyOf(targets);
    }

    /** A listener the forward leads to, with the processes holding it. */
    public record Target(Socket socket, List<ProcessInfo> owners) {

        public Target {
            owners = List.copyOf(owners);
        }
    }
}
