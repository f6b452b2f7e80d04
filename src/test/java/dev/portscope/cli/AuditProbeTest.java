package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.model.Protocol;
import dev.portscope.services.ServiceTable;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.NetNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --probe}: an HTTP server on ports whose number promises something else. The audit
 * probes every listener it finds, so it runs in a network namespace of the test's own
 * ({@link NetNamespace}), where the HTTP servers are the only listeners and every port is free.
 */
@Tag("live")
class AuditProbeTest {

    private static final String[] PROBE = {"audit", "--probe", "--probe-timeout", "300", "--probe-concurrency", "64", "--json"};

    /** Registered to Redis in portscope's table; served here by HTTP. */
    private static final int REDIS = 6379;
    /** Registered to HTTP. */
    private static final int HTTP_ALT = 8080;

    /** Where the HTTP servers listen, and the audits run: one namespace for the whole class (each JVM takes seconds to start). */
    private static NetNamespace.Run ns;
    private static int odd;

    @BeforeAll
    @Timeout(240) // four JVMs, one after the other
    static void auditANamespaceOfHttpServers(@TempDir Path dir) throws Exception {
        odd = unregistered();
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "version: 1\nallow:\n  - port: " + odd + "\n    protocol: tcp\n    process: python3\n");
        List<String> withPolicy = new ArrayList<>(List.of(PROBE));
        withPolicy.addAll(List.of("--policy", policy.toString()));
        ns = new NetNamespace().http(REDIS).http(HTTP_ALT).http(odd)
                .portscope(PROBE)
                .portscope("audit", "--probe", "--probe-timeout", "300", "--probe-concurrency", "64")
                .portscope("audit", "--json")
                .portscope(withPolicy.toArray(String[]::new))
                .run();
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

    /** A port that neither portscope's table nor this machine's /etc/services names. */
    private static int unregistered() {
        ServiceTable system = ServiceTable.load(Path.of("/etc/services"));
        ServiceTable embedded = ServiceTable.embedded();
        return IntStream.range(47_000, 48_000)
                .filter(p -> system.lookup(Protocol.TCP, p).isEmpty() && embedded.lookup(Protocol.TCP, p).isEmpty())
                .findFirst().orElseThrow();
    }

    @Test
    void httpOnTheRedisPortIsAFindingNamingThePid() {
        String protocol = ServiceTable.embedded().lookup(Protocol.TCP, REDIS).orElseThrow().name();
        long pid = ns.pid();
        NetNamespace.Result run = ns.results().get(0);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(AuditCommand.WARNING);
        assertThat(mismatches(run.json(), REDIS)).as(run.out()).singleElement().asString()
                .startsWith(pid + " " + protocol + " expected on " + REDIS + ", got http (HTTP/1.1 200")
                .endsWith("): " + REDIS + "/tcp on loopback, pid " + pid + " (python3)");
        JsonNode finding = run.json().get("findings").findParents("ruleId").stream()
                .filter(f -> f.get("ruleId").asText().equals("PS008") && f.get("socket").path("port").asInt() == REDIS)
                .findFirst().orElseThrow();
        assertThat(finding.get("severity").asText()).isEqualTo("warning");
        assertThat(finding.get("fix").asText()).isNotBlank();

        NetNamespace.Result text = ns.results().get(1);
        assertThat(text.out()).containsPattern("PS008 +tcp \\S*127\\.0\\.0\\.1\\]?:" + REDIS + " +" + protocol + " expected on " + REDIS)
                .contains("why: Port speaks another protocol than its number says");

        assertThat(mismatches(ns.results().get(2).json(), REDIS)).as("without --probe").isEmpty();
    }

    @Test
    void httpOnAnUnregisteredPortIsAServiceOnAnUnusualPort() {
        assertThat(mismatches(ns.results().get(0).json(), odd)).singleElement().asString()
                .startsWith(ns.pid() + " http on " + odd + " (HTTP/1.1 200");
    }

    @Test
    void httpOnAnHttpPortIsQuietAndAPolicyAllowsAMismatch() {
        assertThat(mismatches(ns.results().get(0).json(), HTTP_ALT)).isEmpty();
        NetNamespace.Result allowed = ns.results().get(3);
        assertThat(mismatches(allowed.json(), odd)).as(allowed.err()).isEmpty();
        assertThat(mismatches(allowed.json(), REDIS)).hasSize(1);
    }

    /** Refused before anything is read or probed: these run in-process, on this machine. */
    @Test
    void badProbeOptionsAreOneLineAndUnknown() {
        for (String[] args : new String[][] {{"audit", "--probe", "--probe-timeout", "0"}, {"audit", "--probe", "--probe-concurrency", "0"},
            {"audit", "--init", "--probe"}, {"audit", "--exclude", "2024"}, {"audit", "--probe", "--exclude", "2024-x"}}) {
            CliRun run = CliRun.run(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(AuditCommand.UNKNOWN);
            assertThat(run.err()).startsWith("portscope: ").doesNotContain("\tat ");
            assertThat(run.err().lines()).hasSize(1);
        }
        assertThat(CliRun.run("audit", "--exclude", "2024").err()).contains("needs --probe");
        assertThat(CliRun.run("audit", "--probe", "--exclude", "2024-x").err()).contains("--exclude: bad port range '2024-x'");
    }
}
