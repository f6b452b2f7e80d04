package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ss filter language and the process filters on the listing commands, on this JVM's own sockets.
 * Filters name 127.0.0.1 as well as the port: other programs may use the same port number on other
 * loopback addresses (127.0.0.2…).
 */
class FilterCommandLineTest {

    private static List<String> locals(CliRun run) {
        List<String> found = new ArrayList<>();
        for (JsonNode s : run.json().get("sockets")) {
            if (s.get("local").get("address").asText().equals("127.0.0.1")
                    && s.get("remote").get("address").asText().matches("127\\.0\\.0\\.1|0\\.0\\.0\\.0")) {
                found.add(s.get("state").asText() + " " + s.get("local").get("port").asInt() + ">" + s.get("remote").get("port").asInt());
            } else {
                found.add("other " + s.get("local") + " " + s.get("remote"));
            }
        }
        return found;
    }

    @ParameterizedTest
    @ValueSource(strings = {"netlink", "proc"})
    void sportAndDportSelectOnlyThosePairs(String backend) throws Exception {
        try (var sockets = new LoopbackSockets()) {
            var server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            var pair = sockets.connectedPair(server);
            int client = LoopbackSockets.port(pair[0]);
            sockets.listen("127.0.0.1"); // another listener the filter must leave out

            CliRun bySport = CliRun.run("all", "-t", "--json", "--backend", backend, "sport", "=", ":" + port, "and", "src", "127.0.0.1");
            assertThat(locals(bySport)).containsExactlyInAnyOrder("LISTEN " + port + ">0", "ESTABLISHED " + port + ">" + client);

            CliRun byDport = CliRun.run("conns", "--json", "--backend", backend, "( dport = :" + port + " )", "and", "dst", "127.0.0.1");
            assertThat(locals(byDport)).containsExactly("ESTABLISHED " + client + ">" + port);

            CliRun either = CliRun.run("all", "--json", "--backend", backend,
                    "state", "established", "(", "src", "127.0.0.1:" + port, "or", "dst", "127.0.0.1:" + port, ")");
            assertThat(locals(either)).containsExactlyInAnyOrder(
                    "ESTABLISHED " + port + ">" + client, "ESTABLISHED " + client + ">" + port);

            CliRun listening = CliRun.run("listen", "--json", "--backend", backend, "sport >= :" + port, "and", "sport <= :" + port, "src 127.0.0.1");
            assertThat(locals(listening)).containsExactly("LISTEN " + port + ">0");
        }
    }

    @Test
    void processFiltersNeedOwnersAndSelectByPidNameAndUser() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            String me = Long.toString(ProcessHandle.current().pid());
            String filter = "src 127.0.0.1:" + port;
            assertThat(locals(CliRun.run("listen", "--json", "--pid", me, filter))).hasSize(1);
            assertThat(locals(CliRun.run("listen", "--json", "--pid", "1", filter))).isEmpty();
            assertThat(locals(CliRun.run("listen", "--json", "--process", "java", filter))).hasSize(1);
            assertThat(locals(CliRun.run("listen", "--json", "--process", "nginx", filter))).isEmpty();
            assertThat(locals(CliRun.run("listen", "--json", "--user", "root,0", filter))).hasSize(1);
            assertThat(locals(CliRun.run("listen", "--json", "--user", "nobody", filter))).isEmpty();

            CliRun noOwners = CliRun.run("listen", "--pid", me, "--no-process");
            assertThat(noOwners.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(noOwners.err()).contains("--pid and --process need the owning processes");
        }
    }

    @Test
    void sortOrdersConnections() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            var server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            for (int i = 0; i < 3; i++) {
                sockets.connectedPair(server);
            }
            CliRun run = CliRun.run("conns", "--json", "--sort", "remote", "src 127.0.0.1:" + port);
            List<Integer> remotes = new ArrayList<>();
            run.json().get("sockets").forEach(s -> remotes.add(s.get("remote").get("port").asInt()));
            assertThat(remotes).hasSize(3).isSorted();
        }
    }
}
