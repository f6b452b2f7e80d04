package dev.portscope.platform.linux;

import dev.portscope.model.AddressText;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.PortForward;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.platform.ContainerNetworks;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.query.SocketQuery;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Linux: the namespace owning an address is found by reading, for one process of each other network
 * namespace, {@code /proc/<pid>/net/fib_trie} (IPv4) or {@code if_inet6} (IPv6) — files of a few
 * kilobytes that show the namespace's own addresses without entering it — and its listeners through
 * that process's {@code /proc/<pid>/net} tables. The namespaces and their addresses are read once
 * per instance (one command).
 */
final class LinuxContainerNetworks implements ContainerNetworks {

    private final Path procRoot;
    private final NatRuleReader nat;
    private Map<Long, Integer> namespaces;
    private final Map<String, Set<InetAddress>> addresses = new HashMap<>();

    LinuxContainerNetworks(Path procRoot, NatRuleReader nat) {
        this.procRoot = procRoot;
        this.nat = nat;
    }

    @Override
    public synchronized Optional<NamespaceListeners> listenersAt(InetAddress address, int port, Protocol protocol, DiagnosticLog log) {
        if (namespaces == null) {
            namespaces = NetworkNamespaces.withOneProcessEach(procRoot, log);
        }
        long own = NamespaceIds.networkNamespace(procRoot);
        // Unconnected namespaces may hold the same address (two test networks, two isolated bridges):
        // the one with a listener on the port is the one a forward reaches.
        List<NamespaceListeners> owners = new ArrayList<>();
        for (Map.Entry<Long, Integer> ns : namespaces.entrySet()) {
            if (ns.getKey() == own || !addressesOf(ns.getValue(), address instanceof Inet4Address).contains(address)) {
                continue;
            }
            List<Socket> found = new ArrayList<>();
            SocketQuery query = SocketQuery.listening().withProtocols(EnumSet.of(protocol));
            ProcNetSocketSource.ofProcess(procRoot, ns.getValue()).scan(query, new DiagnosticLog(), socket -> {
                if (socket.local().port() == port && query.matches(socket)
                        && (socket.local().isWildcard() || socket.local().address().equals(address))) {
                    found.add(socket);
                }
            });
            owners.add(new NamespaceListeners(Long.toString(ns.getKey()), found));
        }
        List<NamespaceListeners> listening = owners.stream().filter(n -> !n.sockets().isEmpty()).toList();
        List<NamespaceListeners> candidates = listening.isEmpty() ? owners : listening;
        if (candidates.size() > 1) {
            log.report(Diagnostic.Kind.NOTE, candidates.size() + " network namespaces hold " + AddressText.of(address)
                    + (listening.isEmpty() ? "" : " with a listener on " + protocol.label() + " port " + port)
                    + " (" + String.join(", ", candidates.stream().map(NamespaceListeners::namespace).toList())
                    + "): the forward is shown into the first");
        }
        return candidates.stream().findFirst();
    }

    @Override
    public List<PortForward> natForwards(DiagnosticLog log) {
        return nat.read(log);
    }

    @Override
    public java.util.function.Supplier<List<PortForward>> natForwardsLater(DiagnosticLog log) {
        return nat.start(log);
    }

    private Set<InetAddress> addressesOf(int pid, boolean ipv4) {
        String file = ipv4 ? "fib_trie" : "if_inet6";
        return addresses.computeIfAbsent(pid + "/" + file, key -> {
            try {
                String text = Files.readString(procRoot.resolve(Integer.toString(pid)).resolve("net").resolve(file));
                return ipv4 ? LocalAddressParser.fibTrie(text) : LocalAddressParser.ifInet6(text);
            } catch (IOException e) {
                return Set.of(); // exited, or IPv6 disabled there: it owns no such address
            }
        });
    }
}
