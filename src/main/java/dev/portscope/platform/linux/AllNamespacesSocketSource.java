package dev.portscope.platform.linux;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.NetNamespace;
import dev.portscope.model.Socket;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.SocketSource;
import dev.portscope.platform.linux.ffm.LinuxConstants;
import dev.portscope.platform.linux.ffm.NamespacedNetlink;
import dev.portscope.platform.linux.netlink.NetlinkSocketSource;
import dev.portscope.query.SocketQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * The sockets of every network namespace on the machine ({@code --all-namespaces}), or of those a
 * predicate picks, found anew at every scan ({@link NamespaceDiscovery}) and each read once.
 *
 * <p>How a foreign namespace is read. Netlink answers for the namespace its socket was made in, so
 * a thread enters each namespace ({@code setns}), opens a socket there and leaves
 * ({@link NamespacedNetlink}); the dumps then run here, as for the reader's own namespace. The
 * other way, {@code /proc/PID/net/{tcp,tcp6,udp,udp6}} of a process inside, needs no privilege but
 * a process, and has the kernel print every socket as text for us to parse. Measured on the
 * project's 2-core machine (busy: load average 8), 50 namespaces of 100 sockets each, one scan of
 * all of them in a warm JVM, median of 40 alternating runs: netlink 330 ms, /proc 472 ms (0.70);
 * entering the 50 namespaces and opening a socket in each is 110 to 200 ms of netlink's time
 * ({@code setns} costs 2 to 3 ms here). As whole commands ({@code bench/namespaces.sh}) the two are
 * within the noise of JVM start-up. Netlink also brings what /proc lacks and the engine needs:
 * cookies (a socket's identity for {@code events} and {@code top}), {@code IPV6_V6ONLY}, and TCP
 * sockets bound but not listening. So netlink is the way in, and /proc the fallback where the
 * kernel refuses {@code setns} (not root: EPERM) or netlink is unavailable; a named namespace
 * nothing runs in can only be entered.
 */
final class AllNamespacesSocketSource implements SocketSource {

    private final Path procRoot;
    private final Path netnsDir;
    private final SocketSource own;
    private final NetlinkSocketSource netlink;
    private final LongPredicate wanted;
    /** The one namespace asked for ({@code --namespace}), or 0 for every one. */
    private final long chosen;
    private final boolean watching;
    /** A watching source's netlink reader of each namespace, keeping what it recalls from the previous scan. */
    private final Map<Long, NetlinkSocketSource> readers = new HashMap<>();
    private List<NetNamespace> last;

    /**
     * @param own     the reader of the reader's own namespace (netlink with its /proc fallback, or /proc)
     * @param netlink a netlink source to read other namespaces through, or null to read them through
     *                {@code /proc/PID/net} only ({@code --backend proc})
     * @param chosen  the inode of the one namespace to read, or 0 for every one
     */
    AllNamespacesSocketSource(Path procRoot, Path netnsDir, SocketSource own, NetlinkSocketSource netlink, long chosen) {
        this(procRoot, netnsDir, own, netlink, chosen, false);
    }

    private AllNamespacesSocketSource(Path procRoot, Path netnsDir, SocketSource own, NetlinkSocketSource netlink,
            long chosen, boolean watching) {
        this.procRoot = procRoot;
        this.netnsDir = netnsDir;
        this.own = own;
        this.netlink = netlink;
        this.chosen = chosen;
        this.wanted = chosen == 0 ? inode -> true : inode -> inode == chosen;
        this.watching = watching;
    }

    @Override
    public String name() {
        return own.name();
    }

    @Override
    public SocketSource forWatching() {
        return new AllNamespacesSocketSource(procRoot, netnsDir, own.forWatching(), netlink == null ? null : netlink.forWatching(),
                chosen, true);
    }

    @Override
    public List<NetNamespace> namespaces() {
        if (last == null) {
            last = NamespaceDiscovery.find(procRoot, netnsDir, new DiagnosticLog()).stream()
                    .filter(ns -> wanted.test(ns.inode())).toList();
        }
        return last;
    }

    @Override
    public void scan(SocketQuery query, DiagnosticLog log, Consumer<Socket> sink) {
        // one namespace asked for: what hides others from the search is no concern
        List<NetNamespace> targets = NamespaceDiscovery.find(procRoot, netnsDir, chosen == 0 ? log : new DiagnosticLog()).stream()
                .filter(ns -> wanted.test(ns.inode())).toList();
        last = targets;
        if (targets.isEmpty() && chosen != 0) {
            log.report(Diagnostic.Kind.UNAVAILABLE, "network namespace " + chosen + " is gone (its last process exited)");
        }
        long ownInode = NamespaceIds.networkNamespace(procRoot);
        List<NetNamespace> foreign = targets.stream().filter(ns -> ns.inode() != ownInode).toList();
        List<NamespacedNetlink.Opened> entered = enter(foreign, log);
        Map<Long, NamespacedNetlink.Opened> opened = new HashMap<>();
        for (int i = 0; entered != null && i < foreign.size(); i++) {
            opened.put(foreign.get(i).inode(), entered.get(i));
        }
        List<String> refused = new ArrayList<>();
        int throughProc = 0;
        String procReason = null;
        Map<Long, NetlinkSocketSource> nextReaders = new HashMap<>();
        for (NetNamespace ns : targets) {
            if (ns.inode() == ownInode) {
                own.scan(query, log, sink);
                continue;
            }
            NamespacedNetlink.Opened way = opened.get(ns.inode());
            if (way != null && way.gone()) {
                continue; // it ended since it was found (its last process exited): churn, not a gap
            }
            DiagnosticLog here = new DiagnosticLog();
            if (way != null && way.entered()) {
                NetlinkSocketSource reader = readers.getOrDefault(ns.inode(), netlink).inNamespace(ns.inode(), way::socket);
                if (watching) {
                    nextReaders.put(ns.inode(), reader);
                }
                reader.scan(query, here, sink);
            } else if (ns.pid() != 0) {
                throughProc++;
                procReason = way == null ? procReason : way.reason();
                ProcNetSocketSource.ofProcess(procRoot, ns.pid()).scan(query, here, sink);
                if (!here.diagnostics().isEmpty() && !Files.isDirectory(procRoot.resolve(Integer.toString(ns.pid())))) {
                    continue; // its only process exited while its tables were read: the namespace may be gone with it
                }
            } else {
                refused.add(ns.label() + (way != null ? " (" + way.reason() + ")" : netlink == null ? " (--backend proc does not enter namespaces)" : ""));
                continue;
            }
            for (Diagnostic d : here.diagnostics()) {
                if (d.kind().partial()) { // notes (IPv6 disabled there) say nothing missing
                    log.report(d.kind(), "network namespace " + ns.label() + ": " + d.message());
                }
            }
        }
        readers.clear();
        readers.putAll(nextReaders);
        if (throughProc > 0 && netlink != null) {
            log.report(Diagnostic.Kind.FALLBACK, throughProc + " network namespaces read through /proc/PID/net"
                    + (procReason == null ? "" : ": they could not be entered (" + procReason + ")"));
        }
        if (!refused.isEmpty()) {
            log.report(Diagnostic.Kind.PERMISSION_DENIED, "could not read " + refused.size() + " network namespaces, "
                    + "entered only with CAP_SYS_ADMIN and with no process to read them through: "
                    + String.join(", ", refused));
        }
    }

    /** Netlink sockets opened in each foreign namespace, or null when they are read through /proc. */
    private List<NamespacedNetlink.Opened> enter(List<NetNamespace> foreign, DiagnosticLog log) {
        if (netlink == null || foreign.isEmpty()) {
            return null;
        }
        List<NamespacedNetlink.Target> files = new ArrayList<>(foreign.size());
        for (NetNamespace ns : foreign) {
            Path file = ns.name() != null ? netnsDir.resolve(ns.name()) : procRoot.resolve(ns.pid() + "/ns/net");
            files.add(new NamespacedNetlink.Target(file, ns.inode()));
        }
        try {
            return NamespacedNetlink.open(files, LinuxConstants.NETLINK_SOCK_DIAG, NetlinkSocketSource.BUFFER_SIZE);
        } catch (UnsupportedOperationException e) {
            log.report(Diagnostic.Kind.FALLBACK, "other network namespaces read through /proc/PID/net: " + e.getMessage());
            return null;
        }
    }
}
