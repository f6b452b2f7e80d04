package dev.portscope.platform.linux;

import dev.portscope.model.NetNamespace;
import dev.portscope.platform.DiagnosticLog;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every network namespace on the machine: those processes live in (grouped by the inode behind
 * {@code /proc/PID/ns/net}) and those {@code ip netns} named ({@code /run/netns/NAME}, a bind mount
 * of a namespace file that may have no process in it; its inode, from {@code stat}, is the
 * namespace's). Containers are not named here: that is the owners' business.
 */
public final class NamespaceDiscovery {

    private NamespaceDiscovery() {}

    /**
     * @param procRoot where procfs is mounted
     * @param netnsDir where {@code ip netns} keeps its names ({@code /run/netns})
     * @param log      told what could not be read
     * @return the host's namespace first, then the others by their lowest pid, the named ones
     *         nothing runs in last (by name)
     */
    public static List<NetNamespace> find(Path procRoot, Path netnsDir, DiagnosticLog log) {
        Map<Long, Integer> withProcess = NetworkNamespaces.withOneProcessEach(procRoot, log);
        Map<Long, String> named = named(netnsDir, log);
        long host = NamespaceIds.ofLink(procRoot.resolve("1/ns/net"));
        if (host == 0) {
            host = NamespaceIds.networkNamespace(procRoot); // pid 1 unreadable (not root, a sandbox): the reader's
        }
        Map<Long, NetNamespace> all = new HashMap<>();
        for (var e : withProcess.entrySet()) {
            all.put(e.getKey(), new NetNamespace(e.getKey(), named.get(e.getKey()), e.getKey() == host, e.getValue(), null));
        }
        for (var e : named.entrySet()) {
            all.putIfAbsent(e.getKey(), new NetNamespace(e.getKey(), e.getValue(), e.getKey() == host, 0, null));
        }
        if (host != 0) {
            all.putIfAbsent(host, new NetNamespace(host, named.get(host), true, 0, null));
        }
        long self = NamespaceIds.networkNamespace(procRoot);
        if (self != 0) { // the reader's own, even when /proc could not be listed: it is always read
            all.putIfAbsent(self, new NetNamespace(self, named.get(self), self == host, 0, null));
        }
        List<NetNamespace> sorted = new ArrayList<>(all.values());
        sorted.sort(Comparator.comparing((NetNamespace ns) -> !ns.host())
                .thenComparing(ns -> ns.pid() == 0)
                .thenComparingInt(NetNamespace::pid)
                .thenComparing(ns -> ns.name() == null ? "" : ns.name()));
        return sorted;
    }

    /** Inode to {@code ip netns} name; a namespace with two names keeps the first in name order. */
    static Map<Long, String> named(Path netnsDir, DiagnosticLog log) {
        Map<Long, String> names = new HashMap<>();
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(netnsDir)) {
            dir.forEach(entries::add);
        } catch (NoSuchFileException e) {
            return names; // no named namespace was ever made here
        } catch (IOException e) {
            log.report(Failures.of(e), netnsDir + ": " + Failures.reason(e) + ": named network namespaces not listed");
            return names;
        }
        entries.sort(Comparator.comparing(Path::toString));
        for (Path entry : entries) {
            try {
                Object inode = Files.getAttribute(entry, "unix:ino");
                // an entry that is not mounted over (a namespace deleted while ip netns was killed) is an
                // ordinary empty file on tmpfs, not a namespace: nsfs inodes live on their own device
                if (Files.size(entry) == 0 && sameDevice(entry, netnsDir)) {
                    continue;
                }
                names.putIfAbsent((Long) inode, entry.getFileName().toString());
            } catch (IOException e) {
                if (!Failures.vanished(e)) {
                    log.report(Failures.of(e), entry + ": " + Failures.reason(e) + ": that named network namespace is not listed");
                }
            } catch (UnsupportedOperationException e) {
                return names; // not a Unix file system view: no names to give
            }
        }
        return names;
    }

    private static boolean sameDevice(Path a, Path b) throws IOException {
        return Files.getAttribute(a, "unix:dev").equals(Files.getAttribute(b, "unix:dev"));
    }
}
