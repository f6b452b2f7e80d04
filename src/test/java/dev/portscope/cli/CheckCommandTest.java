package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code portscope check} against listeners the test opens on loopback. */
@Tag("live")
@Timeout(30)
class CheckCommandTest {

    @Test
    void exitsZeroOnlyWhenEveryPortIsOpen() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int v4 = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            int v6 = LoopbackSockets.port(sockets.listen("::1"));
            int closed = sockets.closedPort("127.0.0.1");

            CliRun open = CliRun.run("check", "127.0.0.1:" + v4, "[::1]:" + v6, "localhost:" + v4);
            assertThat(open.exitCode()).as(open.err()).isZero();
            assertThat(open.out()).containsPattern("127\\.0\\.0\\.1:" + v4 + " +open").containsPattern("\\[::1\\]:" + v6 + " +open")
                    .contains("3 open, 0 closed, 0 filtered");

            CliRun mixed = CliRun.run("check", "127.0.0.1:" + v4, "127.0.0.1:" + closed, "--json");
            assertThat(mixed.exitCode()).as(mixed.err()).isEqualTo(ExitCodes.NOT_FOUND);
            JsonNode json = mixed.json();
            assertThat(json.get("format").asText()).isEqualTo("portscope-check");
            assertThat(json.get("counts").get("open").asInt()).isEqualTo(1);
            assertThat(json.get("counts").get("closed").asInt()).isEqualTo(1);
            assertThat(json.get("ports").get(0).get("port").asInt()).isEqualTo(v4);
            assertThat(json.get("ports").get(0).get("status").asText()).isEqualTo("open");
            assertThat(json.get("ports").get(0).get("latencyMs").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(json.get("ports").get(1).get("status").asText()).isEqualTo("closed");
        }
    }

    /** Refused before any connect; the one well-formed target is a closed port of the test's own all the same. */
    @Test
    void badTargetsAndLimitsAreOneLineWithExitTwo() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            String mine = "localhost:" + sockets.closedPort("127.0.0.1");
            String[][] cases = {
                {"check", "no-such-host.invalid:22"}, {"check", "localhost"}, {"check", "::1:22"}, {"check", "localhost:99999"}, {"check", "12345:22"},
                {"check", mine, "--rate", "0"}, {"check", mine, "--concurrency", "0"},
                {"check", mine, "--timeout", "0"}, {"check"},
            };
            for (String[] args : cases) {
                CliRun run = CliRun.run(args);
                assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(ExitCodes.USAGE);
                assertThat(run.err()).as(String.join(" ", args)).startsWith("portscope: ").doesNotContain("Exception").doesNotContain("\tat ");
            }
            assertThat(CliRun.run("check", "no-such-host.invalid:22").err()).contains("cannot resolve host 'no-such-host.invalid'");
            assertThat(CliRun.run("check", mine, "--rate", "0").err()).contains("--rate must be more than 0");
        }
    }
}
