package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ss filter language and the process filters on the listing commands, on this JVM's own sockets.
 * Filters name 127.0.0.1 as well as the port: other programs may use the same port number on other
 * loopback addresses (127.0.0.2…).
 */
@Tag("live")
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

            CliRun byDport = CliRun.run("conns", "-4", "--json", "--backend", backend, "( dport = :" + port + " )", "and", "dst", "127.0.0.1");
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
            List<Integer> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                clients.add(LoopbackSockets.port(sockets.connectedPair(server)[0]));
            }
            CliRun run = CliRun.run("conns", "-4", "--json", "--sort", "remote", "src 127.0.0.1:" + port);
            List<Integer> remotes = new ArrayList<>();
            run.json().get("sockets").forEach(s -> remotes.add(s.get("remote").get("port").asInt()));
            // other programs may connect to this port too (a port scan): only the order is asserted for them
            assertThat(remotes).isSorted().containsAll(clients);
        }
    }

    @Test
    void prefixesIpv6BracketsNotAndStateGroupsOnLiveSockets() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            var v4 = sockets.listen("127.0.0.1");
            int port4 = LoopbackSockets.port(v4);
            var pair4 = sockets.connectedPair(v4);
            int client4 = LoopbackSockets.port(pair4[0]);
            var v6 = sockets.listen("::1");
            int port6 = LoopbackSockets.port(v6);
            var pair6 = sockets.connectedPair(v6);
            int client6 = LoopbackSockets.port(pair6[0]);

            // dst with a prefix, dport with a comparison
            List<String> toV4 = locals(CliRun.run("conns", "-t", "-4", "--json", "dst 127.0.0.0/8", "and", "dport >= :" + port4,
                    "and", "dport <= :" + port4));
            assertThat(toV4).contains("ESTABLISHED " + client4 + ">" + port4);

            // src [::1] with a port, in brackets
            JsonNode v6Only = CliRun.run("all", "-t", "--json", "src [::1]:" + port6).json();
            List<String> v6Rows = new ArrayList<>();
            v6Only.get("sockets").forEach(sock -> v6Rows.add(sock.get("state").asText() + " " + sock.get("remote").get("port").asInt()));
            assertThat(v6Rows).containsExactlyInAnyOrder("LISTEN 0", "ESTABLISHED " + client6);

            // not, and the connected state group (every state but listening and closed)
            List<String> notListening = locals(CliRun.run("all", "-t", "--json", "state connected", "src 127.0.0.1:" + port4));
            assertThat(notListening).containsExactly("ESTABLISHED " + port4 + ">" + client4);
            List<String> excluded = locals(CliRun.run("all", "-t", "--json", "exclude listening", "src 127.0.0.1:" + port4));
            assertThat(excluded).containsExactly("ESTABLISHED " + port4 + ">" + client4);
            List<String> negated = locals(CliRun.run("all", "-t", "--json", "src 127.0.0.1:" + port4, "and", "not", "dport = :" + client4));
            assertThat(negated).containsExactly("LISTEN " + port4 + ">0");
        }
    }
}
