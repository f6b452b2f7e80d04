package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.NetNamespace;
import dev.portscope.platform.DiagnosticLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Namespaces found in a made-up tree: processes grouped by the target of their {@code ns/net} link
 * (symbolic links as procfs shows them, {@code net:[inode]}), the host's first.
 */
class NamespaceDiscoveryTest {

    @TempDir
    Path root;

    private void process(String pid, long netns) throws Exception {
        Path ns = Files.createDirectories(root.resolve("proc").resolve(pid).resolve("ns"));
        Files.createSymbolicLink(ns.resolve("net"), Path.of("net:[" + netns + "]"));
    }

    @Test
    void groupsProcessesByNamespaceTheHostsFirst() throws Exception {
        process("1", 100);
        process("self", 100);
        process("700", 300);
        process("42", 300);
        process("9", 200);
        process("12", 100);
        Files.createDirectories(root.resolve("run/netns"));
        Files.createFile(root.resolve("run/netns/stale")); // a name left over, not mounted over: no namespace
        DiagnosticLog log = new DiagnosticLog();
        List<NetNamespace> found = NamespaceDiscovery.find(root.resolve("proc"), root.resolve("run/netns"), log);
        assertThat(found).containsExactly(
                new NetNamespace(100, null, true, 1, null),
                new NetNamespace(200, null, false, 9, null),
                new NetNamespace(300, null, false, 42, null));
        assertThat(log.diagnostics()).isEmpty();
    }

    @Test
    void withPidOneUnreadableTheReadersNamespaceIsTheHosts() throws Exception {
        process("self", 300);
        process("42", 300);
        process("9", 200);
        List<NetNamespace> found = NamespaceDiscovery.find(root.resolve("proc"), root.resolve("run/netns"), new DiagnosticLog());
        assertThat(found).extracting(NetNamespace::inode, NetNamespace::host)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(300L, true), org.assertj.core.groups.Tuple.tuple(200L, false));
    }
}
