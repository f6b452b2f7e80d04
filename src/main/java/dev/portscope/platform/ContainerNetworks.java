package dev.portscope.platform;

import dev.portscope.model.PortForward;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Where a forwarded port leads: the network namespace that owns a forward's target address (a
 * container's), its listeners there, and the destination NAT rules that publish ports with no
 * socket on the host.
 */
public interface ContainerNetworks {

    /** A platform without network namespaces or NAT rules to read. */
    ContainerNetworks NONE = new ContainerNetworks() {
        @Override
        public Optional<NamespaceListeners> listenersAt(InetAddress address, int port, Protocol protocol, DiagnosticLog log) {
            return Optional.empty();
        }

        @Override
        public List<PortForward> natForwards(DiagnosticLog log) {
            return List.of();
        }
    };

    /**
     * The sockets waiting on {@code port} (TCP listeners, unconnected UDP) for {@code address}, in the
     * network namespace other than this one that owns the address.
     *
     * @param log told what could not be read
     * @return empty when no other namespace owns the address (or none could be read)
     */
    Optional<NamespaceListeners> listenersAt(InetAddress address, int port, Protocol protocol, DiagnosticLog log);

    /**
     * Every destination NAT rule that forwards a port (nftables, iptables in both its legacy and nft
     * flavours), read once per call.
     *
     * @param log told, in one note, which rules could not be read and why (not root, no binary)
     */
    List<PortForward> natForwards(DiagnosticLog log);

    /**
     * As {@link #natForwards}, started now and answered later: the tools that print the rules are
     * started before this returns (so none of them is still a fork of this process, holding its
     * sockets, when a caller then reads socket owners), and waited for by the supplier.
     */
    default java.util.function.Supplier<List<PortForward>> natForwardsLater(DiagnosticLog log) {
        return () -> natForwards(log);
    }

    /**
     * The namespace holding a forward's target, and what waits there on its port.
     *
     * @param namespace the namespace's identity, as {@link Namespaces#currentId()} gives one
     * @param sockets   its listeners on the port, wildcard or bound to the address; may be empty
     */
    record NamespaceListeners(String namespace, List<Socket> sockets) {

        public NamespaceListeners {
            sockets = List.copyOf(sockets);
        }
    }
}
