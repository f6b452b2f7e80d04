package dev.portscope.query.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Socket;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.linux.netlink.ReplaySocketSource;
import dev.portscope.query.SocketQuery;
import dev.portscope.services.ServiceTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * iproute2's own filter tests ({@code testsuite/tests/ss/ssfilter.t}) and more expressions of the
 * same kind, run on the fixture {@code ss1-replica} (the sockets of iproute2's {@code ss1.dump},
 * captured by portscope) replayed through portscope's netlink reader. What each expression selects
 * is not written here: {@code golden/ssfilter/ss-Htna.txt} holds what ss itself printed for it
 * ({@code TCPDIAG_FILE=ss.dump ss -Htna EXPRESSION}; ss replays the first dump, the IPv4 one), and
 * {@code -Dgolden.update=true} runs ss again to rewrite it. Where ss is installed it is also run
 * now, and must print the same.
 *
 * <p>The four IPv4 sockets of the dump: LISTEN 0.0.0.0:22, ESTAB 10.0.0.1:22 ↔ 10.0.0.1:36266 (both
 * ends) and ESTAB 10.0.0.1:22 ↔ 10.0.0.2:50312.
 */
class SsFilterSuiteTest {

    private static final Path DUMP = Path.of("src/test/resources/fixtures/netlink/ss1-replica/ss.dump").toAbsolutePath();
    private static final Path EXPECTED = Path.of("src/test/resources/golden/ssfilter/ss-Htna.txt");
    private static final ServiceTable SERVICES = ServiceTable.embedded();
    /** A block of the expected file: the command, then what it printed. */
    private static final String COMMAND = "$ ss -Htna";

    /** The twelve expressions of ssfilter.t, in its order. */
    static final List<String> SSFILTER_T = List.of(
            "dport = 22",
            "dport 22",
            "( dport = 22 )",
            "src = 0.0.0.0",
            "src 0.0.0.0",
            "src 0.0.0.0 sport = 22",
            "src 0.0.0.0 and sport = 22",
            "src 10.0.0.1 and sport = 22 and dport = 50312",
            "src 10.0.0.1 and sport = 22 and ( dport = 50312 )",
            "src 10.0.0.1 and ( sport = 22 and dport = 50312 )",
            "( src 10.0.0.1 and sport = 22 ) and dport = 50312",
            "( src 0.0.0.0 or src 10.0.0.1 ) and dst 10.0.0.2");

    /** Further expressions: precedence ('and' and 'or' share one and group from the left), every operator spelling, prefixes, wildcards, services. */
    static final List<String> MORE = List.of(
            "src 0.0.0.0 or src 10.0.0.1 and dst 10.0.0.2",
            "src 10.0.0.2 and src 10.0.0.1 or sport = 22",
            "sport = 22 or dport = 22 and not src 0.0.0.0",
            "not src 10.0.0.1 and dport = 22",
            "! sport 22",
            "not ( sport 22 or dport 22 )",
            "sport 22 dport 36266",
            "sport == 22 && dport != 36266",
            "sport = 22 & dport = 50312 | dport eq 22",
            "dport > 22",
            "dport gt 22",
            "dport < 22",
            "dport lt 22",
            "dport >= 36266",
            "dport ge 36266",
            "dport geq 36266",
            "dport <= 22",
            "dport le 22",
            "dport leq 22",
            "dport != 22",
            "dport ne 22",
            "dport neq 22",
            "sport = :ssh",
            "dport = :ssh",
            "dport :22",
            "dport = *",
            "src 10.0.0.0/8",
            "src 10/8",
            // "src 10" is left out: ss selects nothing for it, portscope refuses it (FilterErrorsTest)
            "src 0/0",
            "dst 0.0.0.0/0",
            "src 10.0.0.1/24",
            "dst 10.0.0.2/32:50312",
            "dst 10.0.0.0/31",
            "dst 0.0.0.0",
            "src :22",
            "dst *:22",
            "src *",
            "src 10.0.0.1:*",
            "dst 10.0.0.1:*",
            "src 10.0.0.1:22",
            "src [10.0.0.1]:22",
            "src 10.0.0.1:ssh",
            "src any",
            "src default",
            "dst 10.0.0.1:36266 or dst 10.0.0.2:50312");

    private static List<Socket> ipv4;
    /** Expression ("" for none) to the lines ss printed for it. */
    private static Map<String, List<String>> expected;

    @BeforeAll
    static void replayTheDump() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        DiagnosticLog log = new DiagnosticLog();
        new ReplaySocketSource(DUMP).scan(SocketQuery.all(), log, sockets::add);
        assertThat(log.diagnostics()).isEmpty();
        ipv4 = sockets.stream().filter(s -> s.family() == IpFamily.IPV4).toList();
        if (Boolean.getBoolean("golden.update")) {
            writeExpected();
        }
        expected = readExpected();
    }

    static Stream<String> ssfilterT() {
        return SSFILTER_T.stream();
    }

    static Stream<String> more() {
        return MORE.stream();
    }

    static Stream<String> everyCase() {
        return Stream.concat(SSFILTER_T.stream(), MORE.stream());
    }

    private static List<String> expressions() {
        List<String> all = new ArrayList<>(List.of(""));
        everyCase().forEach(all::add);
        return all;
    }

    @Test
    void theExpectedFileAnswersEveryExpressionAndNoOther() {
        assertThat(expected.keySet()).containsExactlyElementsOf(expressions());
    }

    @Test
    void theDumpHoldsTheFourIpv4SocketsOfSsfilterT() {
        assertThat(ipv4.stream().map(SsFilterSuiteTest::describe)).containsExactlyInAnyOrderElementsOf(sockets(expected.get("")))
                .containsExactlyInAnyOrder("LISTEN 0.0.0.0:22 0.0.0.0:*", "ESTAB 10.0.0.1:22 10.0.0.1:36266",
                        "ESTAB 10.0.0.1:36266 10.0.0.1:22", "ESTAB 10.0.0.1:22 10.0.0.2:50312");
    }

    @ParameterizedTest(name = "ssfilter.t: {0}")
    @MethodSource("ssfilterT")
    void portscopeSelectsWhatSsSelectedInSsfilterT(String expression) {
        assertThat(select(expression)).as(expression).isEqualTo(sockets(expected.get(expression)));
    }

    @ParameterizedTest(name = "more: {0}")
    @MethodSource("more")
    void portscopeSelectsWhatSsSelectedForMoreExpressions(String expression) {
        assertThat(select(expression)).as(expression).isEqualTo(sockets(expected.get(expression)));
    }

    @ParameterizedTest(name = "ss now: {0}")
    @MethodSource("everyCase")
    void ssInstalledHereSelectsTheSameSockets(String expression) throws Exception {
        assumeTrue(ssRuns(), "ss is not installed");
        List<String> bySs = runSs(expression);
        assertThat(sockets(bySs)).as("ss on " + expression).isEqualTo(sockets(expected.get(expression)));
        assertThat(select(expression)).as("portscope on " + expression).isEqualTo(sockets(bySs));
    }

    private static Set<String> select(String expression) {
        Filter filter = Filter.parse(expression, SERVICES);
        Set<String> selected = new TreeSet<>();
        for (Socket socket : ipv4) {
            if (filter.test(socket)) {
                selected.add(describe(socket));
            }
        }
        return selected;
    }

    /** A socket as ss prints it with -n: state, local and remote, port 0 as {@code *}. */
    private static String describe(Socket socket) {
        return socket.state().displayName(socket.protocol()) + " " + endpoint(socket.local()) + " " + endpoint(socket.remote());
    }

    private static String endpoint(Endpoint endpoint) {
        return endpoint.address().getHostAddress() + ":" + (endpoint.port() == 0 ? "*" : Integer.toString(endpoint.port()));
    }

    /** The sockets of lines of {@code ss -Htna}: state, local and peer (columns 1, 4 and 5). */
    private static Set<String> sockets(List<String> lines) {
        assertThat(lines).as("an expression of the expected file").isNotNull();
        Set<String> selected = new TreeSet<>();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            assertThat(fields).as(line).hasSizeGreaterThanOrEqualTo(5);
            selected.add(fields[0] + " " + fields[3] + " " + fields[4]);
        }
        return selected;
    }

    private static Map<String, List<String>> readExpected() throws IOException {
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(EXPECTED, StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(COMMAND)) {
                String expression = line.substring(COMMAND.length()).strip();
                if (expression.startsWith("'")) {
                    expression = expression.substring(1, expression.length() - 1);
                }
                current = new ArrayList<>();
                assertThat(blocks.put(expression, current)).as("a second block for '" + expression + "'").isNull();
            } else if (!line.isBlank()) {
                assertThat(current).as("output before the first command: " + line).isNotNull();
                current.add(line);
            }
        }
        return blocks;
    }

    private static void writeExpected() throws Exception {
        StringBuilder text = new StringBuilder();
        text.append("# Written by SsFilterSuiteTest with -Dgolden.update=true: each block is a command and what it printed,\n")
                .append("# run with TCPDIAG_FILE naming src/test/resources/fixtures/netlink/ss1-replica/ss.dump, by ")
                .append(ssVersion()).append(".\n");
        for (String expression : expressions()) {
            text.append(COMMAND).append(expression.isEmpty() ? "" : " '" + expression + "'").append('\n');
            runSs(expression).forEach(line -> text.append(line).append('\n'));
        }
        Files.createDirectories(EXPECTED.getParent());
        Files.writeString(EXPECTED, text.toString(), StandardCharsets.UTF_8);
    }

    private static boolean ssRuns() {
        try {
            ssVersion();
            return true;
        } catch (IOException | InterruptedException | IllegalStateException e) {
            return false;
        }
    }

    private static String ssVersion() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ss", "-V").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("ss -V: " + out);
        }
        return out;
    }

    /** {@code ss -Htna EXPRESSION} on the dump: the lines it printed. */
    private static List<String> runSs(String expression) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ss", "-Htna"));
        if (!expression.isEmpty()) {
            command.add(expression);
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("TCPDIAG_FILE", DUMP.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("ss exit status, stderr: " + err).isZero();
        return out.lines().filter(line -> !line.isBlank()).map(String::stripTrailing).toList();
    }
}
