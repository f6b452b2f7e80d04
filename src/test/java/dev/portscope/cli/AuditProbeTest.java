package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.portscope.model.Protocol;
import dev.portscope.services.ServiceTable;
import dev.portscope.testing.CliRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit --probe}: an HTTP server of this JVM on ports whose number promises something else. */
class AuditProbeTest {

    private static final long PID = ProcessHandle.current().pid();
    private static final String[] PROBE = {"audit", "--probe", "--probe-timeout", "300", "--probe-concurrency", "64", "--json"};

    /** Ports of portscope's table whose service is not HTTP; the test takes the first one free. */
    private static final int[] NOT_HTTP = {6379, 5432, 3306, 25, 22};
    /** Ports of the table registered to HTTP. */
    private static final int[] HTTP_ALT = {8080, 8000, 8008, 8888};

    @TempDir
    Path dir;

    /**
     * A JDK HTTP server on 127.0.0.1:{@code port} (0: the kernel picks), or null when the port is
     * taken. It listens on an IPv6 socket with the mapped address ::ffff:127.0.0.1.
     */
    private static HttpServer http(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException taken) {
            return null;
        }
    }

    private static HttpServer firstFree(int... ports) {
        for (int port : ports) {
            HttpServer server = http(port);
            if (server != null) {
                return server;
            }
        }
        return null;
    }

    /** The PS008 findings on {@code port}, as "pid message". */
    private static List<String> mismatches(JsonNode audit, int port) {
        List<String> found = new ArrayList<>();
        for (JsonNode f : audit.get("findings")) {
            if (f.get("ruleId").asText().equals("PS008") && f.get("socket").path("port").asInt() == port) {
                found.add(f.get("processes").get(0).get("pid").asLong() + " " + f.get("message").asText());
            }
        }
        return found;
    }

    @Test
    void httpOnTheRedisPortIsAFindingNamingThePid() {
        HttpServer server = firstFree(NOT_HTTP);
        assumeTrue(server != null, "every candidate port is taken");
        try {
            int port = server.getAddress().getPort();
            String protocol = ServiceTable.embedded().lookup(Protocol.TCP, port).orElseThrow().name(); // each named as its protocol
            CliRun run = CliRun.run(PROBE);
            assertThat(run.exitCode()).as(run.err()).isIn(AuditCommand.WARNING, AuditCommand.CRITICAL, AuditCommand.UNKNOWN);
            assertThat(mismatches(run.json(), port)).as(run.out()).singleElement().asString()
                    .startsWith(PID + " " + protocol + " expected on " + port + ", got http (HTTP/1.1 200")
                    .endsWith("): " + port + "/tcp on loopback, pid " + PID + " (java)");
            JsonNode finding = run.json().get("findings").findParents("ruleId").stream()
                    .filter(f -> f.get("ruleId").asText().equals("PS008")).findFirst().orElseThrow();
            assertThat(finding.get("severity").asText()).isEqualTo("warning");
            assertThat(finding.get("fix").asText()).isNotBlank();

            CliRun text = CliRun.run("audit", "--probe", "--probe-timeout", "300", "--probe-concurrency", "64");
            assertThat(text.out()).containsPattern("PS008 +tcp \\S*127\\.0\\.0\\.1\\]?:" + port + " +" + protocol + " expected on " + port)
                    .contains("why: Port speaks another protocol than its number says");

            assertThat(mismatches(CliRun.run("audit", "--json").json(), port)).as("without --probe").isEmpty();
        } finally {
            server.stop(0);
        }
    }

    /** trust #17: a service on a port registered to nothing is on a non-standard port, which contradicts nothing. */
    @Test
    void httpOnAnUnregisteredPortOfTheKernelIsNoFinding() {
        HttpServer server = http(0);
        try {
            int port = server.getAddress().getPort();
            assumeTrue(ServiceTable.load(Path.of("/etc/services")).lookup(Protocol.TCP, port).isEmpty(),
                    "the kernel handed out a registered port");
            assertThat(mismatches(CliRun.run(PROBE).json(), port)).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpOnAnHttpPortIsQuietAndAPolicyAllowsAMismatch() throws Exception {
        HttpServer alt = firstFree(HTTP_ALT);
        assumeTrue(alt != null, "every HTTP alternate port is taken");
        HttpServer odd = http(0);
        try {
            int altPort = alt.getAddress().getPort();
            int oddPort = odd.getAddress().getPort();
            JsonNode audit = CliRun.run(PROBE).json();
            assertThat(mismatches(audit, altPort)).isEmpty();

            Path policy = dir.resolve("policy.yaml");
            Files.writeString(policy, "version: 1\nallow:\n  - port: " + oddPort + "\n    protocol: tcp\n    process: java\n");
            List<String> args = new ArrayList<>(List.of(PROBE));
            args.addAll(List.of("--policy", policy.toString()));
            assertThat(mismatches(CliRun.run(args.toArray(String[]::new)).json(), oddPort)).isEmpty();
        } finally {
            alt.stop(0);
            odd.stop(0);
        }
    }

    @Test
    void badProbeOptionsAreOneLineAndUnknown() {
        for (String[] args : new String[][] {{"audit", "--probe", "--probe-timeout", "0"}, {"audit", "--probe", "--probe-concurrency", "0"},
            {"audit", "--init", "--probe"}}) {
            CliRun run = CliRun.run(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(AuditCommand.UNKNOWN);
            assertThat(run.err()).startsWith("portscope: ").doesNotContain("\tat ");
            assertThat(run.err().lines()).hasSize(1);
        }
    }
}
