package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Diagnostic;
import dev.portscope.platform.DiagnosticLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader runs the tools under a root the test makes: scripts that print captured rules or fail as the real ones do. */
@Tag("live")
class NatRuleReaderTest {

    private static void tool(Path root, String name, String script) throws Exception {
        Path bin = Files.createDirectories(root.resolve("usr/sbin"));
        Path file = Files.writeString(bin.resolve(name), "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void rulesOfEveryToolOnceEach(@TempDir Path root) throws Exception {
        Path fixtures = dev.portscope.testing.Fixtures.path("nat");
        tool(root, "nft", "cat " + fixtures.resolve("nft-native.json"));
        tool(root, "iptables-nft-save", "cat " + fixtures.resolve("iptables-nft-save"));
        tool(root, "ip6tables-nft-save", "cat " + fixtures.resolve("ip6tables-nft-save"));
        tool(root, "iptables-legacy-save", "echo legacy tools are not run without a legacy nat table; exit 9");
        DiagnosticLog log = new DiagnosticLog();
        var forwards = new NatRuleReader(root.resolve("proc"), root).read(log);
        assertThat(forwards).extracting(f -> f.port()).containsExactly(8081, 5354, 8082, 8444, 7100, 7101, 7200, 7201, 7202, 8080, 5353, 8443);
        assertThat(log.diagnostics()).isEmpty();
    }

    @Test
    void refusedForWantOfRootIsOneShortNote(@TempDir Path root) throws Exception {
        tool(root, "nft", "echo 'Error: Operation not permitted' >&2; exit 1");
        tool(root, "iptables-nft-save", "echo 'iptables-nft-save v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)' >&2; exit 1");
        DiagnosticLog log = new DiagnosticLog();
        assertThat(new NatRuleReader(root.resolve("proc"), root).read(log)).isEmpty();
        assertThat(log.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Diagnostic.Kind.NOTE);
            assertThat(d.message()).startsWith("NAT rules not read: nft and iptables-save need root");
        });
    }

    @Test
    void withoutNetAdminTheToolsAreNotStarted(@TempDir Path root) throws Exception {
        Path started = root.resolve("started");
        tool(root, "nft", "touch " + started);
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/self/status"), "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\n");
        DiagnosticLog log = new DiagnosticLog();
        assertThat(new NatRuleReader(root.resolve("proc"), root).read(log)).isEmpty();
        assertThat(started).doesNotExist();
        assertThat(log.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).startsWith("NAT rules not read: nft and iptables-save need root"));
    }

    @Test
    void noToolsIsSaid(@TempDir Path root) {
        DiagnosticLog log = new DiagnosticLog();
        assertThat(new NatRuleReader(root.resolve("proc"), root).read(log)).isEmpty();
        assertThat(log.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("neither nft nor iptables-save is installed"));
    }

    @Test
    void aToolThatHangsIsGivenUpOn(@TempDir Path root) throws Exception {
        tool(root, "nft", "exec sleep 30");
        DiagnosticLog log = new DiagnosticLog();
        long start = System.nanoTime();
        assertThat(new NatRuleReader(root.resolve("proc"), root).read(log)).isEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
        assertThat(log.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("nft -j: no answer within 5 s"));
    }

    @Test
    void brokenOutputNamesTheTool(@TempDir Path root) throws Exception {
        tool(root, "nft", "echo '{\"nftables\": {\"dnat\": 3}}'");
        DiagnosticLog log = new DiagnosticLog();
        new NatRuleReader(root.resolve("proc"), root).read(log);
        assertThat(log.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("nft -j: no \"nftables\" array"));
    }

    @Test
    void noNatChainAndNoLegacyNatTableStartsNothingAndSaysNothing(@TempDir Path root) throws Exception {
        Path started = root.resolve("started");
        tool(root, "nft", "touch " + started);
        tool(root, "iptables-nft-save", "touch " + started);
        DiagnosticLog log = new DiagnosticLog();
        assertThat(new NatRuleReader(root.resolve("proc"), root, () -> java.util.Optional.of(false)).read(log)).isEmpty();
        assertThat(started).doesNotExist();
        assertThat(log.diagnostics()).isEmpty();
    }

    @Test
    void aLegacyNatTableOrANatChainOrNoAnswerStillRunsTheTools(@TempDir Path root) throws Exception {
        Path fixtures = dev.portscope.testing.Fixtures.path("nat");
        tool(root, "iptables-legacy-save", "cat " + fixtures.resolve("iptables-legacy-save"));
        tool(root, "iptables-nft-save", "cat " + fixtures.resolve("iptables-nft-save"));
        Files.createDirectories(root.resolve("proc/net"));
        Files.writeString(root.resolve("proc/net/ip_tables_names"), "nat\n");
        assertThat(new NatRuleReader(root.resolve("proc"), root, () -> java.util.Optional.of(false)).read(new DiagnosticLog()))
                .as("legacy nat table").isNotEmpty();
        Files.delete(root.resolve("proc/net/ip_tables_names"));
        for (java.util.Optional<Boolean> answer : java.util.List.of(java.util.Optional.of(true), java.util.Optional.<Boolean>empty())) {
            assertThat(new NatRuleReader(root.resolve("proc"), root, () -> answer).read(new DiagnosticLog()))
                    .as("gate %s", answer).isNotEmpty();
        }
    }
}
