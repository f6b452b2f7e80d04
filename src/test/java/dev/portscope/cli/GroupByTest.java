package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("live")
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
            // other programs' connections to this port (a port scan, say) may add groups, never reorder them
            assertThat(titles).containsSubsequence("CLOSE-WAIT:", "ESTAB:", "LISTEN:").isSorted().doesNotHaveDuplicates();
            int estab = lines.indexOf("ESTAB:");
            assertThat(lines.get(estab + 1)).contains("ESTAB").contains("127.0.0.1:" + port);

            String me = "java (pid " + ProcessHandle.current().pid() + ", user ";
            List<String> byProcess = CliRun.run("all", "-4", "--group-by", "process", filter).out().lines().toList();
            List<String> processTitles = byProcess.stream().filter(l -> l.endsWith(":")).toList();
            assertThat(processTitles).doesNotHaveDuplicates().anySatisfy(t -> assertThat(t).startsWith(me));
            int mine = byProcess.indexOf(processTitles.stream().filter(t -> t.startsWith(me)).findFirst().orElseThrow());
            assertThat(byProcess.subList(mine + 1, Math.min(mine + 4, byProcess.size())))
                    .allSatisfy(l -> assertThat(l).contains("127.0.0.1:" + port).contains("java"));

            JsonNode json = CliRun.run("all", "-4", "--json", "--group-by", "state", filter).json();
            List<String> states = new ArrayList<>();
            json.get("sockets").forEach(s -> states.add(s.get("state").asText()));
            assertThat(states).contains("CLOSE_WAIT", "ESTABLISHED", "LISTEN").isSorted();
        }
    }
}
