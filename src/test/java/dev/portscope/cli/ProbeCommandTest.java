package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.analysis.probe.ProbeServers;
import dev.portscope.testing.CliRun;
import dev.portscope.model.Protocol;
import dev.portscope.services.ServiceTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import dev.portscope.testing.LoopbackSockets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code portscope probe} on listeners of this JVM: the inventory names the process, the probes the protocol. */
@Tag("live")
@Timeout(30)
class ProbeCommandTest {

    private static final String SELF = ProcessHandle.current().info().command().map(c -> Path.of(c).getFileName().toString()).orElse("java");

    @Test
    void servicesOnKernelPortsAreOnNonStandardPortsNotMismatches(@TempDir Path dir) throws Exception {
        try (var servers = new ProbeServers()) {
            int http = servers.http().getPort();
            int ssh = servers.banner("SSH-2.0-OpenSSH_9.2p1\r\n").getPort();
            int tls = servers.tls(ProbeServers.selfSigned(dir, "CN=probe-cli-test"), "changeit".toCharArray()).getPort();
            // a TLS handshake with a server of this JVM takes well over 500 ms on a busy machine of two cores
            CliRun run = CliRun.run("probe", String.valueOf(http), String.valueOf(ssh), String.valueOf(tls), "--timeout", "3000", "--json");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK); // no mismatch
            JsonNode probes = run.json().get("probes");
            assertThat(probes).hasSize(3);
            for (JsonNode p : probes) {
                assertThat(p.get("processes").get(0).get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
                assertThat(p.get("address").asText()).isEqualTo("127.0.0.1");
                int port = p.get("port").asInt();
                String expected = port == http ? "http" : port == ssh ? "ssh" : "tls";
                assertThat(p.get("detected").asText()).as("port " + port).isEqualTo(expected);
                assertThat(p.get("mismatch").isNull()).as("port " + port).isTrue();
                if (p.get("service").isNull()) {
                    assertThat(p.get("note").asText()).isEqualTo(expected + " on " + port + ", not its usual port " + (port == http ? 80 : port == ssh ? 22 : 443)
                            + ", served by " + p.get("processes").get(0).get("name").asText());
                }
            }
            JsonNode tlsProbe = probes.findParents("tls").stream().filter(n -> !n.get("tls").isNull()).findFirst().orElseThrow();
            assertThat(tlsProbe.get("tls").get("subject").asText()).isEqualTo("CN=probe-cli-test");
            assertThat(tlsProbe.get("tls").get("notAfter").asText()).isNotEmpty();

            CliRun text = CliRun.run("probe", String.valueOf(http), "--timeout", "500");
            assertThat(text.out()).doesNotContain("Mismatches:").contains("On non-standard ports (not mismatches):")
                    .containsPattern(http + " +127\\.0\\.0\\.1 +" + ProcessHandle.current().pid());
        }
    }

    /**
     * A contradiction, made by registering the port of a test's own HTTP server as ssh in a services
     * table of the test (the etc root of the environment): ssh expected, http found, exit 1.
     */
    @Test
    void httpOnAPortRegisteredAsSshIsAMismatch(@TempDir Path etc) throws Exception {
        try (var servers = new ProbeServers()) {
            int http = servers.http().getPort();
            Files.writeString(etc.resolve("services"), "ssh\t" + http + "/tcp\n");
            Files.createSymbolicLink(etc.resolve("passwd"), Path.of("/etc/passwd"));
            CliEnvironment env = new CliEnvironment(Map.of(), false, 0, Path.of("/proc"), etc, Clock.systemUTC());
            assumeTrue(ServiceTable.embedded().lookup(Protocol.TCP, http).isEmpty(), "the kernel handed out a port of portscope's own table");

            CliRun run = CliRun.run(env, "probe", String.valueOf(http), "--timeout", "500", "--json");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.NOT_FOUND);
            JsonNode p = run.json().get("probes").get(0);
            assertThat(p.get("service").asText()).isEqualTo("ssh");
            assertThat(p.get("detected").asText()).isEqualTo("http");
            assertThat(p.get("mismatch").asText()).isEqualTo("ssh expected on " + http + ", got http, served by " + SELF);
            assertThat(p.get("note").isNull()).isTrue();

            CliRun text = CliRun.run(env, "probe", String.valueOf(http), "--timeout", "500");
            assertThat(text.out()).contains("Mismatches:\n  ssh expected on " + http + ", got http").containsPattern(" http !")
                    .doesNotContain("non-standard");
        }
    }

    @Test
    void aPortWithoutListenerAndBadOptions() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            String closed = Integer.toString(sockets.closedPort("127.0.0.1"));
            CliRun none = CliRun.run("probe", closed, "--timeout", "200");
            assertThat(none.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(none.err()).contains("nothing listens on TCP port " + closed);
            for (String[] args : new String[][] {{"probe", closed, "--timeout", "0"}, {"probe", "53/sctp"}, {"probe", "nosuchservice"},
                {"probe", closed, "--concurrency", "0"}, {"probe", closed, "--exclude", "1-x"}}) {
                CliRun run = CliRun.run(args);
                assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(ExitCodes.USAGE);
                assertThat(run.err()).startsWith("portscope: ").doesNotContain("\tat ");
            }
        }
    }

    @Test
    void aUdpPortNamedSoIsAskedTheDnsQuestion() throws Exception {
        try (var servers = new ProbeServers()) {
            int dns = servers.dns("portscope-test").getPort();
            CliRun run = CliRun.run("probe", dns + "/udp", "--timeout", "500", "--json");
            JsonNode probes = run.json().get("probes");
            assertThat(probes).as(run.err()).hasSize(1);
            JsonNode p = probes.get(0);
            assertThat(p.get("protocol").asText()).isEqualTo("udp");
            assertThat(p.get("port").asInt()).isEqualTo(dns);
            assertThat(p.get("detected").asText()).isEqualTo("dns");
            assertThat(p.get("evidence").asText()).isEqualTo("version.bind CH TXT answered NOERROR \"portscope-test\"");
            assertThat(p.get("processes").get(0).get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
            assertThat(p.get("mismatch").isNull()).isTrue();
            assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
            if (p.get("service").isNull()) {
                assertThat(p.get("note").asText()).startsWith("dns on " + dns + ", not its usual port 53, served by ");
            }
            CliRun text = CliRun.run("probe", dns + "/udp", "--timeout", "500");
            assertThat(text.out()).containsPattern(dns + "/udp +127\\.0\\.0\\.1 +" + ProcessHandle.current().pid() + " .* dns");
        }
        try (var sockets = new LoopbackSockets()) {
            // a connected UDP socket holds its port without listening there
            var held = sockets.udp("127.0.0.1");
            int closed = LoopbackSockets.port(held);
            held.connect(held.getLocalAddress());
            CliRun none = CliRun.run("probe", closed + "/udp", "--timeout", "200");
            assertThat(none.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(none.err()).contains("nothing listens on UDP port " + closed);
        }
    }
}
