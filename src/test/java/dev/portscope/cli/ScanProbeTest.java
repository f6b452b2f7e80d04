package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.analysis.probe.ProbeServers;
import dev.portscope.model.Protocol;
import dev.portscope.services.ServiceTable;
import dev.portscope.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import dev.portscope.testing.LoopbackSockets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** {@code scan --probe} and {@code check --probe} on servers the test starts on 127.0.0.1. */
@Tag("live")
@Timeout(30)
class ScanProbeTest {

    /** The port objects of a scan or check, by port. */
    private static Map<Integer, JsonNode> byPort(CliRun run) {
        Map<Integer, JsonNode> ports = new HashMap<>();
        run.json().get("ports").forEach(p -> ports.put(p.get("port").asInt(), p));
        return ports;
    }

    @Test
    void scanNamesWhatEachOpenPortSpeaks() throws Exception {
        try (var servers = new ProbeServers(); var sockets = new LoopbackSockets()) {
            int http = servers.http().getPort();
            int ssh = servers.banner("SSH-2.0-OpenSSH_9.2p1\r\n").getPort();
            int mute = servers.mute().getPort();
            int closed = sockets.closedPort("127.0.0.1");
            String ports = http + "," + ssh + "," + mute + "," + closed;

            CliRun run = CliRun.run("scan", "127.0.0.1", "-p", ports, "--probe", "--probe-timeout", "300", "--json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            Map<Integer, JsonNode> found = byPort(run);
            assertThat(found.keySet()).containsExactlyInAnyOrder(http, ssh, mute);
            assertThat(found.get(http).get("probe").get("detected").asText()).isEqualTo("http");
            assertThat(found.get(http).get("probe").get("evidence").asText()).startsWith("HTTP/1.1 200");
            assertThat(found.get(ssh).get("probe").get("detected").asText()).isEqualTo("ssh");
            assertThat(found.get(ssh).get("probe").get("evidence").asText()).isEqualTo("SSH-2.0-OpenSSH_9.2p1");
            assertThat(found.get(mute).get("probe").get("detected").asText()).isEqualTo("unknown");
            assertThat(found.get(mute).get("probe").get("mismatch").isNull()).isTrue();

            CliRun text = CliRun.run("scan", "127.0.0.1", "-p", ports, "--probe", "--probe-timeout", "300");
            assertThat(text.out()).contains("DETECTED").containsPattern("127\\.0\\.0\\.1:" + ssh + " +open .* ssh( !)? +SSH-2\\.0-OpenSSH_9\\.2p1")
                    .contains("3 open, 1 closed, 0 filtered");

            CliRun plain = CliRun.run("scan", "127.0.0.1", "-p", ports, "--json");
            assertThat(byPort(plain).get(http).has("probe")).isFalse();
            assertThat(CliRun.run("scan", "127.0.0.1", "-p", ports).out()).doesNotContain("DETECTED");
        }
    }

    @Test
    void checkProbesOnlyTheOpenPorts() throws Exception {
        try (var servers = new ProbeServers(); var sockets = new LoopbackSockets()) {
            int http = servers.http().getPort();
            int closed = sockets.closedPort("127.0.0.1");
            CliRun run = CliRun.run("check", "127.0.0.1:" + http, "127.0.0.1:" + closed, "--probe", "--probe-timeout", "300", "--json");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NOT_FOUND);
            Map<Integer, JsonNode> found = byPort(run);
            assertThat(found.get(http).get("probe").get("detected").asText()).isEqualTo("http");
            assertThat(found.get(closed).get("status").asText()).isEqualTo("closed");
            assertThat(found.get(closed).get("probe").isNull()).isTrue();
        }
    }

    @Test
    void aServiceOnANonStandardPortIsANoteAndAContradictionAMismatch(@TempDir Path etc) throws Exception {
        try (var servers = new ProbeServers()) {
            int ssh = servers.banner("SSH-2.0-OpenSSH_9.2p1\r\n").getPort();
            assumeTrue(ServiceTable.embedded().lookup(Protocol.TCP, ssh).isEmpty(), "the kernel handed out a port of portscope's own table");
            CliRun run = CliRun.run("check", "127.0.0.1:" + ssh, "--probe", "--probe-timeout", "300", "--json");
            JsonNode probe = byPort(run).get(ssh).get("probe");
            assertThat(probe.get("mismatch").isNull()).as(run.out()).isTrue();
            String note = probe.get("note").asText();
            assertThat(note).startsWith("ssh on " + ssh).contains("not its usual port 22");
            CliRun text = CliRun.run("check", "127.0.0.1:" + ssh, "--probe", "--probe-timeout", "300");
            assertThat(text.out()).doesNotContain("Mismatches:").contains("On non-standard ports (not mismatches):\n  127.0.0.1:" + ssh + ": " + note);

            // the same server on a port registered to http in the test's own services table contradicts it
            Files.writeString(etc.resolve("services"), "http\t" + ssh + "/tcp\n");
            Files.createSymbolicLink(etc.resolve("passwd"), Path.of("/etc/passwd"));
            CliEnvironment env = new CliEnvironment(Map.of(), false, 0, Path.of("/proc"), etc, Clock.systemUTC());
            CliRun contradicted = CliRun.run(env, "check", "127.0.0.1:" + ssh, "--probe", "--probe-timeout", "300");
            assertThat(contradicted.out()).contains("Mismatches:\n  127.0.0.1:" + ssh + ": http expected on " + ssh + ", got ssh")
                    .containsPattern(" ssh ! +SSH-2\\.0").doesNotContain("non-standard");
        }
    }

    /** Refused before any connect; the ports named are the test's own closed ones all the same. */
    @Test
    void badProbeOptionsAreOneLineWithExitTwo() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            String closed = Integer.toString(sockets.closedPort("127.0.0.1"));
            for (String[] args : new String[][] {{"scan", "127.0.0.1", "-p", closed, "--probe", "--probe-timeout", "0"},
                {"check", "127.0.0.1:" + closed, "--probe", "--probe-concurrency", "0"}, {"check", "127.0.0.1:" + closed, "--probe-timeout", "x"}}) {
                CliRun run = CliRun.run(args);
                assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
                assertThat(run.err()).startsWith("portscope: ").doesNotContain("\tat ");
            }
        }
    }
}
