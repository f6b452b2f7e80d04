package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.analysis.probe.ProbeServers;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.OwnListeners;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * hardening #16: {@code probe}, {@code audit --probe} and {@code scan --probe} against a server that
 * trickles a byte every 0.3 s, one that accepts and never speaks, and one whose banner never ends
 * (the test's own threads on loopback): each command ends within the documented bound of a port,
 * 5 × {@code --timeout}, and says which ports timed out.
 */
class ProbeBoundsTest {

    private static final int TIMEOUT_MS = 500; // longer than the trickle's 0.3 s: no read ever times out
    /** README: a port's probes end after 5 × --timeout; the three ports are probed at once. */
    private static final Duration BOUND = Duration.ofMillis(5 * TIMEOUT_MS);
    /** The snapshot of the listeners and the JVM's scheduling on a loaded machine. */
    private static final Duration MARGIN = Duration.ofSeconds(2);
    /** Before the fix a trickle kept a command for minutes: fail, do not hang. */
    private static final Duration HANG = Duration.ofSeconds(90);

    private record Timed(CliRun run, Duration elapsed) {}

    private static Timed timed(Supplier<CliRun> command) {
        return assertTimeoutPreemptively(HANG, () -> {
            long start = System.nanoTime();
            CliRun run = command.get();
            return new Timed(run, Duration.ofNanos(System.nanoTime() - start));
        });
    }

    private static Map<Integer, JsonNode> byPort(JsonNode array, String field) {
        Map<Integer, JsonNode> ports = new HashMap<>();
        array.forEach(p -> ports.put(p.get("port").asInt(), field == null ? p : p.get(field)));
        return ports;
    }

    @Test
    void probeEndsWithinTheBoundAndReportsTheTrickleAsTimedOut() throws Exception {
        try (var servers = new ProbeServers()) {
            int trickle = servers.trickle().getPort();
            int silent = servers.mute().getPort();
            int endless = servers.endlessBanner().getPort();
            Timed t = timed(() -> CliRun.run("probe", "" + trickle, "" + silent, "" + endless, "--timeout", "" + TIMEOUT_MS, "--json"));
            assertThat(t.elapsed()).as(t.run().err()).isLessThan(BOUND.plus(MARGIN));
            Map<Integer, JsonNode> probes = byPort(t.run().json().get("probes"), null);
            assertThat(probes.keySet()).containsExactlyInAnyOrder(trickle, silent, endless);
            probes.values().forEach(p -> assertThat(p.get("detected").asText()).as(p.toString()).isEqualTo("unknown"));
            assertThat(probes.get(trickle).get("timedOut").asBoolean()).as(t.run().out()).isTrue();
            assertThat(probes.get(trickle).get("evidence").asText()).startsWith("timed out after ");
            assertThat(probes.get(endless).get("timedOut").asBoolean()).isFalse();
            assertThat(probes.get(endless).get("evidence").asText()).startsWith("unrecognised banner: xxxx");
            assertThat(t.run().exitCode()).as("partial: what a port speaks is missing").isEqualTo(ExitCodes.PARTIAL);
            assertThat(t.run().err()).contains("portscope: warning: probes of ").contains("timed out, so what")
                    .contains("127.0.0.1:" + trickle);
        }
    }

    @Test
    void auditProbeEndsWithinTheBoundAndIsIncomplete() throws Exception {
        try (var servers = new ProbeServers()) {
            int trickle = servers.trickle().getPort();
            Timed t = timed(() -> CliRun.run(OwnListeners.environment(trickle), "audit", "--probe", "--probe-timeout", "" + TIMEOUT_MS, "--json"));
            assertThat(t.elapsed()).as(t.run().err()).isLessThan(BOUND.plus(MARGIN));
            assertThat(t.run().exitCode()).as(t.run().out()).isEqualTo(ExitCodes.UNKNOWN);
            assertThat(t.run().err()).contains("probes of 1 port timed out, so what it speaks is unknown: 127.0.0.1:" + trickle);
            JsonNode diagnostics = t.run().json().get("diagnostics");
            assertThat(diagnostics.findValuesAsText("kind")).contains("timed-out");
        }
    }

    @Test
    void scanProbeEndsWithinTheBoundAndKeepsItsExitStatus() throws Exception {
        try (var servers = new ProbeServers()) {
            int trickle = servers.trickle().getPort();
            int silent = servers.mute().getPort();
            int endless = servers.endlessBanner().getPort();
            Timed t = timed(() -> CliRun.run("scan", "127.0.0.1", "-p", trickle + "," + silent + "," + endless, "--probe",
                    "--probe-timeout", "" + TIMEOUT_MS, "--json"));
            assertThat(t.elapsed()).as(t.run().err()).isLessThan(BOUND.plus(MARGIN));
            assertThat(t.run().exitCode()).isZero();
            Map<Integer, JsonNode> probes = byPort(t.run().json().get("ports"), "probe");
            assertThat(probes.get(trickle).get("timedOut").asBoolean()).isTrue();
            assertThat(probes.get(endless).get("detected").asText()).isEqualTo("unknown");
            assertThat(t.run().err()).contains("timed out, so what").contains("127.0.0.1:" + trickle);
        }
    }
}
