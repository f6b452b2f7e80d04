package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupByTest {

    @Test
    void rowsOfAGroupComeTogetherUnderItsTitle() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            var server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            sockets.connectedPair(server);
            sockets.closeWaitPair(server);
            String filter = "src 127.0.0.1:" + port;
            assertThat(LoopbackSockets.eventually(Duration.ofSeconds(5),
                    () -> CliRun.run("conns", "-4", "state close-wait", filter).out().contains("CLOSE-WAIT"))).isTrue();

            List<String> lines = CliRun.run("all", "-4", "--group-by", "state", "state all", filter).out().lines().toList();
            List<String> titles = lines.stream().filter(l -> l.endsWith(":")).toList();
            assertThat(titles).containsExactly("CLOSE-WAIT:", "ESTAB:", "LISTEN:");
            int estab = lines.indexOf("ESTAB:");
            assertThat(lines.get(estab + 1)).contains("ESTAB").contains("127.0.0.1:" + port);

            String me = "java (pid " + ProcessHandle.current().pid() + ", user ";
            List<String> byProcess = CliRun.run("all", "-4", "--group-by", "process", filter).out().lines().toList();
            assertThat(byProcess.stream().filter(l -> l.endsWith(":"))).singleElement().satisfies(t -> assertThat(t).startsWith(me));

            JsonNode json = CliRun.run("all", "-4", "--json", "--group-by", "state", filter).json();
            List<String> states = new ArrayList<>();
            json.get("sockets").forEach(s -> states.add(s.get("state").asText()));
            assertThat(states).containsExactly("CLOSE_WAIT", "ESTABLISHED", "LISTEN");
        }
    }
}
