package dev.portscope.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network namespaces a listing covers, by inode: empty for a listing of the reader's namespace
 * alone. Renderers ask it to name a socket's namespace and container.
 */
public record NamespaceIndex(Map<Long, NetNamespace> byInode) {

    public static final NamespaceIndex NONE = new NamespaceIndex(Map.of());

    public NamespaceIndex {
        byInode = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byInode));
    }

    public static NamespaceIndex of(Collection<NetNamespace> namespaces) {
        Map<Long, NetNamespace> map = new LinkedHashMap<>();
        for (NetNamespace ns : namespaces) {
            map.put(ns.inode(), ns);
        }
        return new NamespaceIndex(map);
    }

    /** True when sockets of more than one namespace are listed: then each row names its namespace. */
    public boolean multiple() {
        return byInode.size() > 1;
    }

    public List<NetNamespace> all() {
        return List.copyOf(byInode.values());
    }

    /** The namespace a socket lives in, or null when unknown (no Linux details, or not among these). */
    public NetNamespace of(Socket socket) {
        return socket.linux() == null ? null : byInode.get(socket.linux().netns());
    }
}
