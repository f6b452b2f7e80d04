package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.KernelSettings;
import dev.portscope.platform.Platform;
import dev.portscope.platform.Platforms;
import dev.portscope.platform.PortSettings;
import dev.portscope.platform.TcpCounters;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code portscope health}: each diagnosis reproduced for real, on loopback or in a network namespace the test creates. */
@Tag("live")
class HealthCommandTest {

    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path state;

    private CliRun health(String... args) {
        List<String> all = new ArrayList<>(List.of("health", "--json"));
        all.addAll(List.of(args));
        return CliRun.run(CliRun.liveEnvironment(Map.of("XDG_STATE_HOME", state.toString())), all.toArray(String[]::new));
    }

    private static List<JsonNode> findings(JsonNode report, String check) {
        List<JsonNode> found = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("check").asText().equals(check)) {
                found.add(f);
            }
        });
        return found;
    }

    private static boolean concerns(JsonNode finding, long pid) {
        for (JsonNode p : finding.get("processes")) {
            if (p.get("pid").asLong() == pid) {
                return true;
            }
        }
        return false;
    }

    @Test
    void closeWaitPilingUpInOneProcessIsAWarningNamingItAndItsPeers() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            var server = sockets.listen("127.0.0.1");
            for (int i = 0; i < 4; i++) {
                sockets.closeWaitPair(server); // the peer closes; this process never closes its side
            }
            int port = LoopbackSockets.port(server);
            assertThat(LoopbackSockets.eventually(Duration.ofSeconds(5),
                    () -> ownCloseWait(health("--close-wait", "4").json()) != null)).isTrue();
            CliRun run = health("--close-wait", "4");
            JsonNode finding = ownCloseWait(run.json());
            assertThat(finding.get("severity").asText()).isEqualTo("warning");
            assertThat(finding.get("what").asText()).matches("\\d+ connections in CLOSE_WAIT held by java \\(pid " + SELF + "\\)");
            assertThat(finding.get("evidence").toString()).contains("peers: 127.0.0.1 (").contains("local ports: " + port + " (4)");
            assertThat(run.exitCode()).isGreaterThanOrEqualTo(1);
            CliRun text = CliRun.run(CliRun.liveEnvironment(Map.of("XDG_STATE_HOME", state.toString())), "health", "--close-wait", "4");
            assertThat(text.out()).contains("WARNING  close-wait").contains("cause:").contains("do:");
        }
        assertThat(ownCloseWait(health("--close-wait", "4").json())).isNull();
    }

    private static JsonNode ownCloseWait(JsonNode report) {
        return findings(report, "close-wait").stream().filter(f -> concerns(f, SELF)).findFirst().orElse(null);
    }

    @Test
    void aListenerThatNeverAcceptsHasAFullQueue() throws Exception {
        List<SocketChannel> clients = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(java.net.StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress("127.0.0.1", 0), 1);
            InetSocketAddress target = (InetSocketAddress) server.getLocalAddress();
            for (int i = 0; i < 3; i++) {
                SocketChannel c = SocketChannel.open(java.net.StandardProtocolFamily.INET);
                c.configureBlocking(false);
                c.connect(target); // beyond the backlog the kernel drops the handshake: never wait for it
                clients.add(c);
            }
            String where = "127.0.0.1:" + target.getPort();
            JsonNode[] report = new JsonNode[1];
            LoopbackSockets.eventually(Duration.ofSeconds(20), () -> queueFinding(report[0] = health().json(), where) != null);
            JsonNode finding = queueFinding(report[0], where);
            assertThat(finding).as(report[0].toString()).isNotNull();
            assertThat(finding.get("severity").asText()).isEqualTo("critical");
            assertThat(concerns(finding, SELF)).isTrue();
            assertThat(finding.get("evidence").get(0).asText()).contains("backlog 1");
            assertThat(finding.get("evidence").get(1).asText()).contains("ListenOverflows");
        } finally {
            for (SocketChannel c : clients) {
                c.close();
            }
        }
    }

    private static JsonNode queueFinding(JsonNode report, String where) {
        return findings(report, "accept-queue").stream().filter(f -> f.get("what").asText().endsWith(where + ", java (pid " + SELF + ")"))
                .findFirst().orElse(null);
    }

    /**
     * The live platform, except that its TCP counters are read in step with the test: after the first
     * read (the start of {@code --interval}) it says so, and the second read (the end) waits until the
     * test says its resets are done. The resets then fall inside the interval however slow the
     * machine is, with no head start to guess.
     */
    private static final class SteppedCounters implements KernelSettings {
        final CountDownLatch firstRead = new CountDownLatch(1);
        final CountDownLatch resetsDone = new CountDownLatch(1);
        private final KernelSettings live;
        private int reads;

        SteppedCounters(KernelSettings live) {
            this.live = live;
        }

        @Override
        public Optional<String> bootId() {
            return live.bootId();
        }

        @Override
        public PortSettings portSettings() {
            return live.portSettings();
        }

        @Override
        public OptionalInt maxAcceptQueue() {
            return live.maxAcceptQueue();
        }

        @Override
        public synchronized Optional<TcpCounters> tcpCounters(Clock clock, DiagnosticLog log) {
            if (++reads > 1) {
                await(resetsDone);
            }
            Optional<TcpCounters> counters = live.tcpCounters(clock, log);
            firstRead.countDown();
            return counters;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("the other side of the test went on").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void resetsAreCountedOverAnInterval() throws Exception {
        Platform live = Platforms.live();
        SteppedCounters counters = new SteppedCounters(live.kernelSettings());
        Platform stepped = (Platform) java.lang.reflect.Proxy.newProxyInstance(Platform.class.getClassLoader(), new Class<?>[] {Platform.class},
                (proxy, method, args) -> method.getName().equals("kernelSettings") ? counters : method.invoke(live, args));
        CliEnvironment env = new CliEnvironment(Map.of("XDG_STATE_HOME", state.toString()), false, 0, stepped, Clock.systemUTC());
        CompletableFuture<CliRun> health = CompletableFuture.supplyAsync(() -> CliRun.run(env, "health", "--json", "--interval", "2"));
        await(counters.firstRead);
        try (var sockets = new LoopbackSockets()) {
            // a port this test holds without listening: each connect is answered with a RST
            int refusedPort = LoopbackSockets.port(sockets.bound("127.0.0.1"));
            for (int i = 0; i < 3; i++) {
                try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", refusedPort))) {
                    throw new AssertionError("connected to a port nobody listens on: " + c);
                } catch (java.net.ConnectException refused) {
                    // the RST this test wants
                }
            }
            SocketChannel[] pair = sockets.connectedPair(sockets.listen("127.0.0.1"));
            pair[0].setOption(StandardSocketOptions.SO_LINGER, 0);
            pair[0].close(); // an abortive close: RST on an established connection
        } finally {
            counters.resetsDone.countDown();
        }
        CliRun run = health.get(60, TimeUnit.SECONDS);
        JsonNode counted = run.json().get("counters");
        assertThat(counted.get("period").asText()).isEqualTo("over 2 s");
        assertThat(counted.get("Tcp.OutRsts").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(counted.get("Tcp.EstabResets").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode resets = findings(run.json(), "resets").getFirst();
        assertThat(resets.get("severity").asText()).isEqualTo("warning");
        assertThat(resets.get("what").asText()).startsWith("connections reset or aborted over 2 s");
    }

    @Test
    void countersAreComparedWithThePreviousRun() {
        JsonNode first = health().json();
        assertThat(first.get("counters").get("period").asText()).isEqualTo("since boot");
        JsonNode second = health().json();
        assertThat(second.get("counters").get("period").asText()).startsWith("since the last run at 20");
        assertThat(state.resolve("portscope")).isDirectoryContaining(p -> p.getFileName().toString().equals("tcp-counters.properties"));
    }

    /** health follows the monitoring-plugin convention, where 2 is critical: a bad command line is unknown. */
    @Test
    void badOptionsAreUnknownNotCritical() {
        for (String[] args : new String[][] {{"--interval", "0"}, {"--close-wait", "0"}, {"--no-such-option"}, {"--close-wait", "many"},
            {"--replay", "/no/such/recording.bin"}}) {
            CliRun run = health(args);
            assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(ExitCodes.UNKNOWN);
            assertThat(run.err()).startsWith("portscope: ").doesNotContain("\tat ");
        }
    }

    /**
     * In a namespace of its own, with a route that sends 10.99.0.0/24 into the loopback device, where
     * packets for an address nobody has are silently dropped, and an ephemeral range of 20 ports: a
     * connect that never gets an answer (SYN_SENT), and 12 short connections closed by the client,
     * whose TIME_WAIT sockets hold 60% of the range.
     */
    @Test
    @Timeout(120)
    void unansweredSynsAndTimeWaitExhaustionInANetworkNamespace() throws Exception {
        String script = String.join("\n",
                "import socket, subprocess, sys, time",
                "def sh(cmd): subprocess.run(cmd, shell=True, check=True)",
                "sh('ip link set lo up; ip route add 10.99.0.0/24 dev lo src 127.0.0.1')",
                "open('/proc/sys/net/ipv4/ip_local_port_range', 'w').write('40000 40019')",
                "server = socket.socket(); server.bind(('127.0.0.1', 39000)); server.listen(64)",
                "for i in range(12):",
                "    c = socket.create_connection(('127.0.0.1', 39000)); a, _ = server.accept()",
                "    c.close(); a.recv(1); a.close()", // the client's FIN has arrived: the client's side ends in TIME_WAIT
                "lost = socket.socket(); lost.setblocking(False)",
                "try: lost.connect(('10.99.0.2', 80))",
                "except BlockingIOError: pass",
                // until the kernel has sent the SYN again (tcp_info.tcpi_retransmits, byte 2): the warning needs a retry
                "deadline = time.time() + 30",
                "while lost.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)[2] == 0 and time.time() < deadline: time.sleep(0.05)",
                "out = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=60)",
                "print(out.stdout); print(out.stderr, file=sys.stderr)");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("unshare", "--net", "python3", "-c", script,
                java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.portscope.cli.Main", "health", "--json"));
        Process process = new ProcessBuilder(command).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assumeTrue(!err.contains("unshare failed") && !err.contains("Operation not permitted"), "cannot create a network namespace here: " + err);
        JsonNode report = new ObjectMapper().readTree(out);
        JsonNode syn = findings(report, "syn-sent").getFirst();
        assertThat(syn.get("what").asText()).isEqualTo("1 connection attempt to 10.99.0.2:80 unanswered, python3 (pid " + process.pid() + ")");
        assertThat(syn.get("severity").asText()).isEqualTo("warning");
        JsonNode timeWait = findings(report, "time-wait").getFirst();
        assertThat(timeWait.get("what").asText()).isEqualTo("12 TIME_WAIT sockets on 127.0.0.1 -> 127.0.0.1:39000 hold 60% of the ephemeral ports");
        assertThat(timeWait.get("severity").asText()).isEqualTo("warning");
        assertThat(report.get("worst").asText()).isEqualTo("warning");
        assertThat(Files.exists(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))).isTrue();
    }
}
