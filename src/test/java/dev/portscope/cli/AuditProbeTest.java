package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.portscope.model.Protocol;
import dev.portscope.services.ServiceTable;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.Daemon;
import dev.portscope.testing.DaemonRecipes;
import dev.portscope.testing.OwnListeners;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --probe} on servers of the test, on ports the kernel hands out, which a services
 * table of the test registers to what it needs. The audit sees only the test's own ports
 * ({@link OwnListeners}): it probes every listener it sees, and must touch nothing else.
 */
@Timeout(180)
class AuditProbeTest {

    private static final long PID = ProcessHandle.current().pid();
    private static final String[] PROBE = {"audit", "--probe", "--probe-timeout", "500", "--json"};

    @TempDir
    Path dir;

    /** A JDK HTTP server on a port of 127.0.0.1 the kernel picks. */
    private static HttpServer http() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** A services table of the test: each line {@code NAME PORT/tcp}. */
    private Optional<Path> services(String... lines) throws IOException {
        Path file = dir.resolve("services");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return Optional.of(file);
    }

    private static void assumeUnlisted(int port) {
        assumeTrue(ServiceTable.embedded().lookup(Protocol.TCP, port).isEmpty(), "the kernel handed out a port of portscope's own table");
    }

    /** The findings on {@code port}, as "RULE pid message". */
    private static List<String> findings(CliRun run, int port) {
        List<String> found = new ArrayList<>();
        for (JsonNode f : run.json().get("findings")) {
            if (f.get("socket").path("port").asInt() == port) {
                found.add(f.get("ruleId").asText() + " " + f.get("processes").get(0).get("pid").asLong() + " " + f.get("message").asText());
            }
        }
        return found;
    }

    private static CliRun audit(Optional<Path> services, int port, String... args) {
        return CliRun.run(OwnListeners.environment(services, port), args);
    }

    @Test
    void httpOnAPortRegisteredToRedisIsAFindingNamingThePid() throws Exception {
        HttpServer server = http();
        try {
            int port = server.getAddress().getPort();
            assumeUnlisted(port);
            Optional<Path> table = services("redis\t" + port + "/tcp");
            CliRun run = audit(table, port, PROBE);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.WARNING);
            assertThat(findings(run, port)).as(run.out()).singleElement().asString()
                    .startsWith("PS008 " + PID + " redis expected on " + port + ", got http (HTTP/1.1 200")
                    .endsWith("): " + port + "/tcp on loopback, pid " + PID + " (java)");
            JsonNode finding = run.json().get("findings").get(0);
            assertThat(finding.get("severity").asText()).isEqualTo("warning");
            assertThat(finding.get("fix").asText()).isNotBlank();

            CliRun text = audit(table, port, "audit", "--probe", "--probe-timeout", "500");
            assertThat(text.out()).containsPattern("PS008 +tcp \\S*127\\.0\\.0\\.1\\]?:" + port + " +redis expected on " + port)
                    .contains("why: Port speaks another protocol than the service its number is registered to");

            assertThat(findings(audit(table, port, "audit", "--json"), port)).as("without --probe").isEmpty();
        } finally {
            server.stop(0);
        }
    }

    /** trust #17: a service on a port registered to nothing is on a non-standard port, which contradicts nothing. */
    @Test
    void httpOnAnUnregisteredPortIsNoFinding() throws Exception {
        HttpServer server = http();
        try {
            int port = server.getAddress().getPort();
            assumeUnlisted(port);
            CliRun run = audit(services("# nothing registered"), port, PROBE);
            assertThat(findings(run, port)).as(run.out()).isEmpty();
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpOnAnHttpPortIsQuietAndAPolicyAllowsAMismatch() throws Exception {
        HttpServer alt = http();
        HttpServer odd = http();
        try {
            int altPort = alt.getAddress().getPort();
            int oddPort = odd.getAddress().getPort();
            assumeUnlisted(altPort);
            assumeUnlisted(oddPort);
            Optional<Path> table = services("http-alt\t" + altPort + "/tcp", "ssh\t" + oddPort + "/tcp");
            CliRun both = CliRun.run(OwnListeners.environment(table, altPort, oddPort), PROBE);
            assertThat(findings(both, altPort)).as(both.out()).isEmpty();
            assertThat(findings(both, oddPort)).as(both.out()).singleElement().asString().startsWith("PS008 " + PID + " ssh expected on " + oddPort);

            Path policy = dir.resolve("policy.yaml");
            Files.writeString(policy, "version: 1\nallow:\n  - port: " + oddPort + "\n    protocol: tcp\n    process: java\n");
            List<String> args = new ArrayList<>(List.of(PROBE));
            args.addAll(List.of("--policy", policy.toString()));
            assertThat(findings(CliRun.run(OwnListeners.environment(table, altPort, oddPort), args.toArray(String[]::new)), oddPort)).isEmpty();
        } finally {
            alt.stop(0);
            odd.stop(0);
        }
    }

    /** trust #17: sshd on another port was reported twice, by PS004 and PS008; it is one fact, which PS004 reports. */
    @Test
    void sshdOnAKernelPortIsReportedOnce() throws Exception {
        try (Daemon sshd = DaemonRecipes.sshd()) {
            CliRun run = audit(Optional.empty(), sshd.port(), PROBE);
            assertThat(findings(run, sshd.port())).as(run.out()).singleElement().asString()
                    .isEqualTo("PS004 " + sshd.pid() + " sshd (pid " + sshd.pid() + ") listens on " + sshd.port() + "/tcp, not on its usual port [22]");
        }
    }

    @Test
    void badProbeOptionsAreOneLineAndUnknown() {
        for (String[] args : new String[][] {{"audit", "--probe", "--probe-timeout", "0"}, {"audit", "--probe", "--probe-concurrency", "0"},
            {"audit", "--init", "--probe"}}) {
            CliRun run = CliRun.run(OwnListeners.environment(), args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.UNKNOWN);
            assertThat(run.err()).startsWith("portscope: ").doesNotContain("\tat ");
            assertThat(run.err().lines()).hasSize(1);
        }
    }
}
