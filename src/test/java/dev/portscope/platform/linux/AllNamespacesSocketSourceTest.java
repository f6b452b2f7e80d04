package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.NetNamespace;
import dev.portscope.model.Socket;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.query.SocketQuery;
import dev.portscope.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -A} through {@code /proc/PID/net} ({@code --backend proc}), on a made-up tree: the reader's
 * namespace is read by its own source, another one through {@code /proc/PID/net} of its lowest pid,
 * and each socket carries its namespace's inode.
 */
class AllNamespacesSocketSourceTest {

    @TempDir
    Path root;

    private Path process(String pid, long netns) throws Exception {
        Path dir = Files.createDirectories(root.resolve("proc").resolve(pid));
        Files.createDirectories(dir.resolve("ns"));
        Files.createSymbolicLink(dir.resolve("ns/net"), Path.of("net:[" + netns + "]"));
        return dir;
    }

    private static void tables(Path dir, Path from) throws Exception {
        Files.createDirectories(dir.resolve("net"));
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Files.copy(from.resolve(table), dir.resolve("net").resolve(table));
        }
    }

    @Test
    void eachNamespaceIsReadOnceAndItsSocketsCarryIt() throws Exception {
        Path fixture = Fixtures.path("proc/debian12-loopback/net");
        Path proc = root.resolve("proc");
        process("1", 100);
        tables(process("self", 100), fixture);
        tables(proc, fixture); // the reader's own tables, as /proc/net shows them
        tables(process("300", 200), fixture);
        process("301", 200);
        var source = new AllNamespacesSocketSource(proc, root.resolve("run/netns"), new ProcNetSocketSource(proc), null, 0);

        List<Socket> found = new ArrayList<>();
        DiagnosticLog log = new DiagnosticLog();
        source.scan(SocketQuery.all(), log, found::add);

        List<Socket> own = found.stream().filter(s -> s.linux().netns() == 100).toList();
        List<Socket> other = found.stream().filter(s -> s.linux().netns() == 200).toList();
        assertThat(own).isNotEmpty().hasSameSizeAs(other).hasSize(found.size() / 2);
        assertThat(other).extracting(s -> s.local().port()).containsExactlyElementsOf(own.stream().map(s -> s.local().port()).toList());
        assertThat(source.namespaces()).extracting(NetNamespace::inode, NetNamespace::host, NetNamespace::pid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(100L, true, 1), org.assertj.core.groups.Tuple.tuple(200L, false, 300));
        assertThat(log.diagnostics()).isEmpty();
    }

    @Test
    void oneChosenNamespaceAloneIsRead() throws Exception {
        Path fixture = Fixtures.path("proc/debian12-loopback/net");
        Path proc = root.resolve("proc");
        process("1", 100);
        tables(process("self", 100), fixture);
        tables(proc, fixture);
        tables(process("300", 200), fixture);
        var source = new AllNamespacesSocketSource(proc, root.resolve("run/netns"), new ProcNetSocketSource(proc), null, 200);
        List<Socket> found = new ArrayList<>();
        source.scan(SocketQuery.all(), new DiagnosticLog(), found::add);
        assertThat(found).isNotEmpty().allSatisfy(s -> assertThat(s.linux().netns()).isEqualTo(200));

        var gone = new AllNamespacesSocketSource(proc, root.resolve("run/netns"), new ProcNetSocketSource(proc), null, 999);
        DiagnosticLog log = new DiagnosticLog();
        gone.scan(SocketQuery.all(), log, found::add);
        assertThat(log.diagnostics()).singleElement().asString().contains("network namespace 999 is gone");
    }
}
