package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("live")
class SummaryCommandTest {

    /** Runs portscope on this machine's platform; {@code PortableSummaryCommandTest} runs the same tests on the portable one. */
    CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void countsThisJvmsCloseWaitSockets() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            var server = sockets.listen("127.0.0.1");
            sockets.closeWaitPair(server);
            sockets.closeWaitPair(server);
            long me = ProcessHandle.current().pid();
            boolean seen = LoopbackSockets.eventually(Duration.ofSeconds(5), () -> {
                JsonNode summary = run("summary", "-t", "--json", "--top", "100000").json();
                for (JsonNode p : summary.get("closeWaitByProcess")) {
                    if (p.get("pid").asLong() == me) {
                        return p.get("sockets").asLong() >= 2;
                    }
                }
                return false;
            });
            assertThat(seen).isTrue();

            JsonNode summary = run("summary", "-t", "--json", "--top", "100000").json();
            assertThat(summary.get("protocols").get("tcp").get("states").get("CLOSE_WAIT").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(summary.get("protocols").has("udp")).isFalse();

            CliRun text = run("summary", "-t", "--sections", "state");
            assertThat(text.out()).contains("CLOSE-WAIT by process").doesNotContain("Remote hosts");
        }
    }
}
