package dev.portscope.platform.linux;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.SocketSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sockets from {@code /proc/net/{tcp,tcp6,udp,udp6}}: the fallback when netlink is not available.
 * These files show the network namespace of the reading process and omit TCP sockets that are
 * bound but not listening.
 */
public final class ProcNetSocketSource implements SocketSource {

    private final Path procRoot;
    private final Path namespaceLink;

    /** @param procRoot where procfs is mounted: {@code /proc}, or a captured tree in tests */
    public ProcNetSocketSource(Path procRoot) {
        this(procRoot, procRoot.resolve("self/ns/net"));
    }

    private ProcNetSocketSource(Path procRoot, Path namespaceLink) {
        this.procRoot = procRoot;
        this.namespaceLink = namespaceLink;
    }

    /** The sockets of the network namespace a process lives in, read through {@code /proc/<pid>/net}. */
    public static ProcNetSocketSource ofProcess(Path procRoot, int pid) {
        Path dir = procRoot.resolve(Integer.toString(pid));
        return new ProcNetSocketSource(dir, dir.resolve("ns/net"));
    }

    @Override
    public String name() {
        return "proc";
    }

    @Override
    public void scan(SocketQuery query, DiagnosticLog log, Consumer<Socket> sink) {
        long netns = NamespaceIds.ofLink(namespaceLink);
        for (Protocol protocol : Protocol.values()) {
            for (IpFamily family : IpFamily.values()) {
                if (query.wants(protocol, family)) {
                    readTable(protocol, family, netns, query, log, sink);
                }
            }
        }
    }

    private void readTable(
            Protocol protocol, IpFamily family, long netns, SocketQuery query, DiagnosticLog log, Consumer<Socket> sink) {
        String name = protocol.label() + (family == IpFamily.IPV6 ? "6" : "");
        Path file = procRoot.resolve("net").resolve(name);
        var parser = new ProcNetParser(protocol, family, netns, file.toString(), ByteOrder.nativeOrder());
        var states = query.statesOf(protocol);
        Consumer<Socket> once = onlyOnce(sink);
        try (InputStream in = Files.newInputStream(file)) {
            LineReader.forEachLine(in, (buf, start, end, line) -> {
                ProcNetParser.Malformed bad = parser.parseLine(buf, start, end, line, states, once);
                if (bad != null) {
                    log.malformed(bad.where(), bad.what());
                }
            });
        } catch (NoSuchFileException e) {
            if (family == IpFamily.IPV6) {
                log.report(Diagnostic.Kind.NOTE, file + " is missing: IPv6 is disabled on this machine");
            } else {
                log.report(Diagnostic.Kind.NOT_FOUND, file + " is missing: " + protocol.label() + " sockets not listed");
            }
        } catch (IOException e) {
            log.report(Failures.of(e), file + ": " + Failures.reason(e) + ": " + name + " sockets not listed");
        }
    }

    /** What makes a socket itself within one table: its two ends and its inode (0 for TIME_WAIT, whose ends are unique). */
    private record Identity(Endpoint local, Endpoint remote, long inode) {}

    /**
     * Passes each socket on once. The kernel writes these files a read() at a time and finds its
     * place again by counting entries (net/ipv4/tcp_ipv4.c tcp_seek_last_pos): when sockets before
     * that place close or open between two reads, an entry is skipped or written twice, the second
     * time perhaps in a later state. A set of what was passed on costs memory in proportion to the
     * table, on the fallback backend only; a socket listed twice would be a lie.
     */
    private static Consumer<Socket> onlyOnce(Consumer<Socket> sink) {
        Set<Identity> seen = new HashSet<>();
        return s -> {
            if (seen.add(new Identity(s.local(), s.remote(), s.linux() == null ? 0 : s.linux().inode()))) {
                sink.accept(s);
            }
        };
    }
}
