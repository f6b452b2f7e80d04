package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.analysis.probe.TopPorts;
import dev.portscope.services.ServiceTable;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import dev.portscope.testing.NetNamespace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code portscope scan} of 127.0.0.1, with the test's own listeners as the oracle, and nmap as a second one. */
@Tag("live")
class ScanCommandTest {

    private static Set<Integer> openPorts(CliRun run) {
        Set<Integer> open = new TreeSet<>();
        for (JsonNode p : run.json().get("ports")) {
            if (p.get("status").asText().equals("open")) {
                open.add(p.get("port").asInt());
            }
        }
        return open;
    }

    private static String range(List<Integer> ports) {
        return String.join(",", ports.stream().map(String::valueOf).toList());
    }

    @Test
    void findsExactlyTheTestsListenersAndNotTheClosedPort() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                mine.add(LoopbackSockets.port(sockets.listen("127.0.0.1")));
            }
            int closed = sockets.closedPort("127.0.0.1");
            List<Integer> asked = new ArrayList<>(mine);
            asked.add(closed);
            CliRun run = CliRun.run("scan", "127.0.0.1", "-p", range(asked), "--json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.json().get("format").asText()).isEqualTo("portscope-scan");
            assertThat(openPorts(run)).containsExactlyInAnyOrderElementsOf(mine);
            assertThat(run.json().get("counts").get("closed").asInt()).isEqualTo(1);

            CliRun text = CliRun.run("scan", "localhost", "-p", range(asked));
            assertThat(text.out()).contains("127.0.0.1:" + mine.getFirst() + "  open").doesNotContain(":" + closed + " ")
                    .contains("6 open, 1 closed, 0 filtered");

            CliRun none = CliRun.run("scan", "127.0.0.1", "-p", String.valueOf(closed));
            assertThat(none.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        }
    }

    @Test
    void ipv6() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int v6 = LoopbackSockets.port(sockets.listen("::1"));
            CliRun run = CliRun.run("scan", "[::1]", "-p", String.valueOf(v6), "--json");
            assertThat(openPorts(run)).containsExactly(v6);
            assertThat(run.json().get("ports").get(0).get("address").asText()).isEqualTo("::1");
        }
    }

    /**
     * {@code --top} connects to well-known ports, which on this machine belong to other programs: so
     * in a network namespace of the test's own, where the first of them is the test's listener.
     */
    @Test
    void topPortsInANamespaceOfItsOwn() throws Exception {
        int[] top = TopPorts.of(ServiceTable.embedded(), 5);
        NetNamespace.Result run = new NetNamespace().quiet(top[0]).portscope("scan", "127.0.0.1", "--top", "5", "--json")
                .run().results().getFirst();
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode counts = run.json().get("counts");
        assertThat(counts.get("open").asInt()).isEqualTo(1);
        assertThat(counts.get("closed").asInt()).isEqualTo(4);
        assertThat(run.json().get("ports").get(0).get("port").asInt()).isEqualTo(top[0]);
        assertThat(run.connectionsTo(top[0])).isEqualTo(1);
    }

    /** Refused before any connect; a well-formed port list names a closed port of the test's own all the same. */
    @Test
    void badInputIsOneLineWithExitTwo() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            String mine = Integer.toString(sockets.closedPort("127.0.0.1"));
            String[][] cases = {
                {"scan"}, {"scan", "127.0.0.1", "-p", "1-1024,80-x"}, {"scan", "127.0.0.1", "-p", "0"},
                {"scan", "127.0.0.1", "-p", mine, "--rate", "0"}, {"scan", "no-such-host.invalid", "-p", mine},
                {"scan", "127.0.0.1", "--top", "0"}, {"scan", "127.0.0.1", "-p", mine, "--top", "3"},
            };
            for (String[] args : cases) {
                CliRun run = CliRun.run(args);
                assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(ExitCodes.USAGE);
                assertThat(run.err()).startsWith("portscope: ").doesNotContain("\tat ");
            }
            assertThat(CliRun.run("scan", "127.0.0.1", "-p", "1-1024,80-x").err()).contains("'80-x'");
        }
    }

    /** The line is drawn for scans of more than 100 ports: 120 closed ports of the test's own. */
    @Test
    void aProgressLineOnlyOnATerminal() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            List<Integer> closed = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                closed.add(sockets.closedPort("127.0.0.1"));
            }
            var terminal = new CliEnvironment(java.util.Map.of(), true, 80, Path.of("/proc"), Path.of("/etc"), java.time.Clock.systemUTC());
            CliRun onTerminal = CliRun.run(terminal, "scan", "127.0.0.1", "-p", range(closed), "--timeout", "500");
            assertThat(onTerminal.err()).contains("\rscanning 127.0.0.1: ").endsWith("\r\033[K");
            CliRun piped = CliRun.run("scan", "127.0.0.1", "-p", range(closed), "--timeout", "500");
            assertThat(piped.err()).isEmpty();
        }
    }

    /** The same ports, in the same run, through nmap's connect scan: the open sets must be equal. */
    @Test
    @Timeout(150)
    void agreesWithNmapConnectScan() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                mine.add(LoopbackSockets.port(sockets.listen("127.0.0.1")));
            }
            int closed = sockets.closedPort("127.0.0.1");
            List<Integer> asked = new ArrayList<>(mine);
            asked.add(closed);
            // other tests and processes open and close ports on 127.0.0.1 at the same time: both scanners
            // are asked about the test's own ports and one it knows is closed, nothing else
            String ports = range(asked);
            Path output = Files.createTempFile("nmap", ".txt");
            try {
                Process nmap = new ProcessBuilder("nmap", "-sT", "-n", "-Pn", "-p", ports, "-oG", output.toString(), "127.0.0.1")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                CliRun run = CliRun.run("scan", "127.0.0.1", "-p", ports, "--json");
                assertThat(nmap.waitFor(120, TimeUnit.SECONDS)).as("nmap finished").isTrue();
                assertThat(nmap.exitValue()).isZero();
                Set<Integer> byNmap = new TreeSet<>();
                String grepable = Files.readString(output, StandardCharsets.UTF_8);
                assertThat(grepable).contains(" " + closed + "/closed/tcp");
                assertThat(run.json().get("counts").get("closed").asInt()).isEqualTo(1);
                Matcher m = Pattern.compile("(\\d+)/open/tcp").matcher(grepable);
                while (m.find()) {
                    byNmap.add(Integer.parseInt(m.group(1)));
                }
                assertThat(byNmap).containsExactlyInAnyOrderElementsOf(mine);
                assertThat(openPorts(run)).isEqualTo(byNmap);
            } finally {
                Files.deleteIfExists(output);
            }
        }
    }
}
