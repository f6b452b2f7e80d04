package dev.portscope.analysis.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portscope.platform.linux.ffm.Libc;
import dev.portscope.platform.linux.ffm.LinuxConnectCalls;
import dev.portscope.testing.LoopbackSockets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real connects on loopback to listeners the test opens, and to a port it knows is closed, through
 * each engine: NIO channels (everywhere) and Linux system calls (where the FFM binding works).
 */
class ConnectScannerTest {

    static Stream<String> engines() {
        return Stream.of("nio", "linux");
    }

    private static ConnectScanner scanner(String engine, ScanLimits limits) {
        if (engine.equals("nio")) {
            return new ConnectScanner(limits);
        }
        assumeTrue(Libc.unavailableReason().isEmpty(), () -> "no FFM binding of the Linux system calls here: " + Libc.unavailableReason());
        return new ConnectScanner(limits, LinuxConnectCalls::open);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort(); // closed again when the test connects
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void findsOpenAndClosedPortsOnBothFamiliesInTheTargetsOrder(String engine) throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int v4 = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            int v6 = LoopbackSockets.port(sockets.listen("::1"));
            int closed = closedPort();
            int closed6 = closedPort();
            // closed before open on each family: a socket refused once may be connected again
            List<InetSocketAddress> targets = List.of(new InetSocketAddress("127.0.0.1", closed), new InetSocketAddress("127.0.0.1", v4),
                    new InetSocketAddress("127.0.0.1", closed), new InetSocketAddress("::1", closed6), new InetSocketAddress("::1", v6),
                    new InetSocketAddress("127.0.0.1", v4));
            AtomicInteger reported = new AtomicInteger();
            List<PortCheck> checks = scanner(engine, ScanLimits.LOOPBACK.withConcurrency(2)).scan(targets, reported::set);
            assertThat(checks).extracting(PortCheck::status).containsExactly(PortStatus.CLOSED, PortStatus.OPEN, PortStatus.CLOSED,
                    PortStatus.CLOSED, PortStatus.OPEN, PortStatus.OPEN);
            assertThat(checks).extracting(PortCheck::target).containsExactlyElementsOf(targets);
            assertThat(reported.get()).isEqualTo(6);
        }
    }

    /** A scan ends when its last port is answered: it once waited a further second for nothing. */
    @ParameterizedTest
    @MethodSource("engines")
    void aScanAnsweredAtOnceEndsAtOnce(String engine) throws Exception {
        List<InetSocketAddress> targets = List.of(new InetSocketAddress("127.0.0.1", closedPort()));
        ConnectScanner scanner = scanner(engine, ScanLimits.LOOPBACK);
        scanner.scan(targets, done -> {}); // the first scan links and compiles what it needs
        long start = System.nanoTime();
        List<PortCheck> checks = scanner.scan(targets, done -> {});
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(checks.getFirst().status()).isEqualTo(PortStatus.CLOSED);
        assertThat(took).isLessThan(Duration.ofMillis(900));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aLongScanInLanesKeepsEveryResultInPlace(String engine) throws Exception {
        try (var sockets = new LoopbackSockets()) {
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                open.add(LoopbackSockets.port(sockets.listen("127.0.0.1")));
            }
            int closed = closedPort();
            List<InetSocketAddress> targets = new ArrayList<>();
            for (int port = 1; port <= 65_535; port += 7) {
                targets.add(new InetSocketAddress("127.0.0.1", port));
            }
            for (int p : open) {
                targets.add(new InetSocketAddress("127.0.0.1", p));
                targets.add(new InetSocketAddress("127.0.0.1", closed));
            }
            List<PortCheck> checks = scanner(engine, ScanLimits.LOOPBACK).scan(targets, done -> {});
            assertThat(checks).hasSameSizeAs(targets);
            for (int i = 0; i < targets.size(); i++) {
                assertThat(checks.get(i).target()).isEqualTo(targets.get(i));
            }
            for (int i = targets.size() - 10; i < targets.size(); i++) {
                boolean mine = open.contains(targets.get(i).getPort());
                assertThat(checks.get(i).status()).as(targets.get(i).toString()).isEqualTo(mine ? PortStatus.OPEN : PortStatus.CLOSED);
            }
        }
    }

    /**
     * A listener whose accept queue is full drops new SYNs (Linux tcp_conn_request: "listen queue
     * overflow"), so a connect gets no answer: the port counts as filtered after the timeout.
     */
    @ParameterizedTest
    @MethodSource("engines")
    void aPortThatNeverAnswersIsFilteredAfterTheTimeout(String engine) throws Exception {
        try (var sockets = new LoopbackSockets(); ServerSocketChannel full = ServerSocketChannel.open()) {
            full.bind(new InetSocketAddress("127.0.0.1", 0), 1);
            InetSocketAddress address = (InetSocketAddress) full.getLocalAddress();
            List<SocketChannel> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    SocketChannel c = SocketChannel.open();
                    c.configureBlocking(false);
                    c.connect(address);
                    fillers.add(c);
                }
                Thread.sleep(100);
                int closed = closedPort();
                List<PortCheck> checks = scanner(engine, ScanLimits.LOOPBACK.withTimeout(Duration.ofMillis(300)))
                        .scan(List.of(address, new InetSocketAddress("127.0.0.1", closed)), done -> {});
                assertThat(checks.get(1).status()).isEqualTo(PortStatus.CLOSED); // settled while the first waits
                assertThat(checks.getFirst().status()).isEqualTo(PortStatus.FILTERED);
                assertThat(checks.getFirst().latency()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
                assertThat(checks.getFirst().detail()).contains("300 ms");
            } finally {
                for (SocketChannel c : fillers) {
                    c.close();
                }
            }
        }
    }
}
