package dev.portscope.query.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import dev.portscope.services.ServiceTable;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.linux.netlink.ReplaySocketSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * same kind, run on iproute2's dump {@code ss1.dump} replayed through portscope's netlink reader.
 * Each expression's sockets are written below as ss 6.1 selected them ({@code ss -Htna -f inet EXPR}
 * with {@code TCPDIAG_FILE} naming the dump), so the expectations are visible without ss; where ss
 * is installed it is also run, and must select the same sockets.
 *
 * <p>The four IPv4 sockets of the dump: LISTEN 0.0.0.0:22, ESTAB 10.0.0.1:22 ↔ 10.0.0.1:36266 (both
 * ends) and ESTAB 10.0.0.1:22 ↔ 10.0.0.2:50312.
 */
class SsFilterSuiteTest {

    private static final Path DUMP = Path.of("../shared/fixtures/ss1.dump").toAbsolutePath().normalize();
    private static final ServiceTable SERVICES = ServiceTable.embedded();

    private static final String LISTEN = "LISTEN 0.0.0.0:22 0.0.0.0:*";
    private static final String IN_LOCAL = "ESTAB 10.0.0.1:22 10.0.0.1:36266";
    private static final String OUT_LOCAL = "ESTAB 10.0.0.1:36266 10.0.0.1:22";
    private static final String IN_REMOTE = "ESTAB 10.0.0.1:22 10.0.0.2:50312";
    private static final String[] ALL = {LISTEN, IN_LOCAL, OUT_LOCAL, IN_REMOTE};

    /** An expression and the sockets ss selected with it. */
    record Case(String expression, Set<String> sockets) {
        @Override
        public String toString() {
            return expression;
        }
    }

    private static Case row(String expression, String... sockets) {
        return new Case(expression, new TreeSet<>(Arrays.asList(sockets)));
    }

    /** The twelve expressions of ssfilter.t, in its order. */
    static final List<Case> SSFILTER_T = List.of(
            row("dport = 22", OUT_LOCAL),
            row("dport 22", OUT_LOCAL),
            row("( dport = 22 )", OUT_LOCAL),
            row("src = 0.0.0.0", LISTEN),
            row("src 0.0.0.0", LISTEN),
            row("src 0.0.0.0 sport = 22", LISTEN),
            row("src 0.0.0.0 and sport = 22", LISTEN),
            row("src 10.0.0.1 and sport = 22 and dport = 50312", IN_REMOTE),
            row("src 10.0.0.1 and sport = 22 and ( dport = 50312 )", IN_REMOTE),
            row("src 10.0.0.1 and ( sport = 22 and dport = 50312 )", IN_REMOTE),
            row("( src 10.0.0.1 and sport = 22 ) and dport = 50312", IN_REMOTE),
            row("( src 0.0.0.0 or src 10.0.0.1 ) and dst 10.0.0.2", IN_REMOTE));

    /** Further expressions: precedence, every operator spelling, prefixes, wildcards, services. */
    static final List<Case> MORE = List.of(
            // 'and' and 'or' share one precedence and group from the left
            row("src 0.0.0.0 or src 10.0.0.1 and dst 10.0.0.2", IN_REMOTE),
            row("src 10.0.0.2 and src 10.0.0.1 or sport = 22", LISTEN, IN_LOCAL, IN_REMOTE),
            row("sport = 22 or dport = 22 and not src 0.0.0.0", IN_LOCAL, OUT_LOCAL, IN_REMOTE),
            row("not src 10.0.0.1 and dport = 22"),
            row("! sport 22", OUT_LOCAL),
            row("not ( sport 22 or dport 22 )"),
            row("sport 22 dport 36266", IN_LOCAL),
            row("sport == 22 && dport != 36266", LISTEN, IN_REMOTE),
            row("sport = 22 & dport = 50312 | dport eq 22", OUT_LOCAL, IN_REMOTE),
            row("dport > 22", IN_LOCAL, IN_REMOTE),
            row("dport gt 22", IN_LOCAL, IN_REMOTE),
            row("dport < 22", LISTEN),
            row("dport lt 22", LISTEN),
            row("dport >= 36266", IN_LOCAL, IN_REMOTE),
            row("dport ge 36266", IN_LOCAL, IN_REMOTE),
            row("dport geq 36266", IN_LOCAL, IN_REMOTE),
            row("dport <= 22", LISTEN, OUT_LOCAL),
            row("dport le 22", LISTEN, OUT_LOCAL),
            row("dport leq 22", LISTEN, OUT_LOCAL),
            row("dport != 22", LISTEN, IN_LOCAL, IN_REMOTE),
            row("dport ne 22", LISTEN, IN_LOCAL, IN_REMOTE),
            row("dport neq 22", LISTEN, IN_LOCAL, IN_REMOTE),
            row("sport = :ssh", LISTEN, IN_LOCAL, IN_REMOTE),
            row("dport = :ssh", OUT_LOCAL),
            row("dport :22", OUT_LOCAL),
            row("dport = *", ALL),
            row("src 10.0.0.0/8", IN_LOCAL, OUT_LOCAL, IN_REMOTE),
            row("src 10/8", IN_LOCAL, OUT_LOCAL, IN_REMOTE),
            row("src 0/0", ALL),
            row("dst 0.0.0.0/0", ALL),
            row("src 10.0.0.1/24", IN_LOCAL, OUT_LOCAL, IN_REMOTE),
            row("dst 10.0.0.2/32:50312", IN_REMOTE),
            row("dst 10.0.0.0/31", IN_LOCAL, OUT_LOCAL),
            row("dst 0.0.0.0", LISTEN),
            row("src :22", LISTEN, IN_LOCAL, IN_REMOTE),
            row("dst *:22", OUT_LOCAL),
            row("src *", ALL),
            row("src 10.0.0.1:*", IN_LOCAL, OUT_LOCAL, IN_REMOTE),
            row("dst 10.0.0.1:*", IN_LOCAL, OUT_LOCAL),
            row("src 10.0.0.1:22", IN_LOCAL, IN_REMOTE),
            row("src [10.0.0.1]:22", IN_LOCAL, IN_REMOTE),
            row("src 10.0.0.1:ssh", IN_LOCAL, IN_REMOTE),
            row("src any", ALL),
            row("src default", ALL),
            row("dst 10.0.0.1:36266 or dst 10.0.0.2:50312", IN_LOCAL, IN_REMOTE));

    private static List<Socket> ipv4;

    @BeforeAll
    static void replayTheDump() {
        assumeTrue(Files.isRegularFile(DUMP), "iproute2's ss1.dump is not at " + DUMP);
        List<Socket> sockets = new ArrayList<>();
        DiagnosticLog log = new DiagnosticLog();
        new ReplaySocketSource(DUMP).scan(SocketQuery.all(), log, sockets::add);
        assertThat(log.diagnostics()).isEmpty();
        ipv4 = sockets.stream().filter(s -> s.family() == IpFamily.IPV4).toList();
    }

    static Stream<Case> ssfilterT() {
        return SSFILTER_T.stream();
    }

    static Stream<Case> more() {
        return MORE.stream();
    }

    static Stream<Case> everyCase() {
        return Stream.concat(SSFILTER_T.stream(), MORE.stream());
    }

    @Test
    void theDumpHoldsTheFourIpv4SocketsOfSsfilterT() {
        assertThat(ipv4.stream().map(SsFilterSuiteTest::describe)).containsExactlyInAnyOrder(ALL);
    }

    @ParameterizedTest(name = "ssfilter.t: {0}")
    @MethodSource("ssfilterT")
    void portscopeSelectsWhatSsSelectedInSsfilterT(Case c) {
        assertThat(select(c.expression())).as(c.expression()).isEqualTo(c.sockets());
    }

    @ParameterizedTest(name = "more: {0}")
    @MethodSource("more")
    void portscopeSelectsWhatSsSelectedForMoreExpressions(Case c) {
        assertThat(select(c.expression())).as(c.expression()).isEqualTo(c.sockets());
    }

    @ParameterizedTest(name = "ss now: {0}")
    @MethodSource("everyCase")
    void ssInstalledHereSelectsTheSameSockets(Case c) throws Exception {
        assumeTrue(ssRuns(), "ss is not installed");
        Set<String> bySs = runSs(c.expression());
        assertThat(bySs).as("ss on " + c.expression()).isEqualTo(c.sockets());
        assertThat(select(c.expression())).as("portscope on " + c.expression()).isEqualTo(bySs);
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

    private static boolean ssRuns() {
        try {
            Process process = new ProcessBuilder("ss", "-V").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Set<String> runSs(String expression) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("ss", "-Htna", "-f", "inet", expression);
        builder.environment().put("TCPDIAG_FILE", DUMP.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("ss exit status, stderr: " + err).isZero();
        Set<String> selected = new TreeSet<>();
        for (String line : out.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 5) {
                selected.add(fields[0] + " " + fields[3] + " " + fields[4]);
            }
        }
        return selected;
    }
}
