package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Diagnostic;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.query.SocketQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Other network namespaces on a hand-made /proc: what could not be read is reported, an exited process is not. */
class NetworkNamespacesTest {

    @TempDir
    Path proc;

    private void namespace(int pid, String link) throws IOException {
        Path ns = Files.createDirectories(proc.resolve(pid + "/ns"));
        Files.createSymbolicLink(ns.resolve("net"), Path.of(link));
    }

    @Test
    void eachNamespaceHasItsLowestPidAndExitedProcessesAreSilent() throws IOException {
        namespace(300, "net:[4026532001]");
        namespace(200, "net:[4026532001]");
        namespace(400, "net:[4026532002]");
        Files.createDirectories(proc.resolve("500")); // exited: its ns/ is gone
        DiagnosticLog log = new DiagnosticLog();
        assertThat(NetworkNamespaces.withOneProcessEach(proc, log))
                .containsEntry(4026532001L, 200).containsEntry(4026532002L, 400).hasSize(2);
        assertThat(log.diagnostics()).isEmpty();
    }

    @Test
    void anUnreadableProcTreeIsReportedNotAnEmptyAnswer() {
        DiagnosticLog log = new DiagnosticLog();
        assertThat(NetworkNamespaces.withOneProcessEach(proc.resolve("missing"), log)).isEmpty();
        assertThat(log.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Diagnostic.Kind.NOT_FOUND);
            assertThat(d.message()).contains("sockets of other network namespaces not listed");
        });
    }

    @Test
    void aLinkThatCannotBeReadIsReported() throws IOException {
        Files.createDirectories(proc.resolve("600/ns"));
        Files.writeString(proc.resolve("600/ns/net"), "not a link");
        DiagnosticLog log = new DiagnosticLog();
        assertThat(NetworkNamespaces.withOneProcessEach(proc, log)).isEmpty();
        assertThat(log.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind().partial()).isTrue();
            assertThat(d.message()).contains("600/ns/net").contains("may be missing");
        });
    }

    @Test
    void tablesOfAnotherNamespaceThatCannotBeReadAreReported() throws IOException {
        namespace(700, "net:[4026532003]");
        Files.createDirectories(proc.resolve("700/net")); // the process lives, its tables are missing
        namespace(800, "net:[4026532004]"); // exited while read: no net/ at all
        Files.delete(proc.resolve("800/ns/net"));
        Files.delete(proc.resolve("800/ns"));
        Files.delete(proc.resolve("800"));
        DiagnosticLog log = new DiagnosticLog();
        OtherNamespaceSockets.find(proc, SocketQuery.all(), s -> true, log);
        assertThat(log.diagnostics()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.kind()).isEqualTo(Diagnostic.Kind.NOT_FOUND);
            assertThat(d.message()).startsWith("network namespace 4026532003: ").contains("700/net/");
        });
    }
}
