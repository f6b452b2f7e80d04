package dev.portscope.analysis.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portscope.platform.linux.ffm.Libc;
import dev.portscope.platform.linux.ffm.LinuxConnectCalls;
import dev.portscope.testing.LoopbackSockets;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real connects on loopback to listeners the test opens, and to a port it knows is closed, through
 * each engine: NIO channels (everywhere) and Linux system calls (where the FFM binding works).
 */
@Tag("live")
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

    @ParameterizedTest
    @MethodSource("engines")
    void findsOpenAndClosedPortsOnBothFamiliesInTheTargetsOrder(String engine) throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int v4 = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            int v6 = LoopbackSockets.port(sockets.listen("::1"));
            int closed = sockets.closedPort("127.0.0.1");
            int closed6 = sockets.closedPort("::1");
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
        try (var sockets = new LoopbackSockets()) {
            List<InetSocketAddress> targets = List.of(new InetSocketAddress("127.0.0.1", sockets.closedPort("127.0.0.1")));
            ConnectScanner scanner = scanner(engine, ScanLimits.LOOPBACK);
            scanner.scan(targets, done -> {}); // the first scan links and compiles what it needs
            long start = System.nanoTime();
            List<PortCheck> checks = scanner.scan(targets, done -> {});
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(checks.getFirst().status()).isEqualTo(PortStatus.CLOSED);
            assertThat(took).isLessThan(Duration.ofMillis(900));
        }
    }

    /**
     * Nine thousand targets, all of them the test's own: closed ports it holds (each asked many times;
     * a refused connect leaves nothing behind) and its listeners, once each, spread over the lanes.
     */
    @ParameterizedTest
    @MethodSource("engines")
    void aLongScanInLanesKeepsEveryResultInPlace(String engine) throws Exception {
        try (var sockets = new LoopbackSockets()) {
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                open.add(LoopbackSockets.port(sockets.listen("127.0.0.1")));
            }
            List<Integer> closed = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                closed.add(sockets.closedPort("127.0.0.1"));
            }
            List<InetSocketAddress> targets = new ArrayList<>();
            for (int i = 0; i < 9_000; i++) {
                targets.add(new InetSocketAddress("127.0.0.1", closed.get(i % closed.size())));
            }
            for (int i = 0; i < open.size(); i++) {
                targets.add((i + 1) * 1_700, new InetSocketAddress("127.0.0.1", open.get(i)));
            }
            List<PortCheck> checks = scanner(engine, ScanLimits.LOOPBACK).scan(targets, done -> {});
            assertThat(checks).hasSameSizeAs(targets);
            for (int i = 0; i < targets.size(); i++) {
                assertThat(checks.get(i).target()).isEqualTo(targets.get(i));
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
                // two handshakes fill a backlog of 1 (the kernel queues backlog + 1); the SYNs after them are dropped
                assertThat(LoopbackSockets.eventually(Duration.ofSeconds(10), () -> connected(fillers) >= 2)).isTrue();
                int closed = sockets.closedPort("127.0.0.1");
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

    private static int connected(List<SocketChannel> channels) {
        int n = 0;
        for (SocketChannel c : channels) {
            try {
                n += c.isConnected() || c.finishConnect() ? 1 : 0;
            } catch (java.io.IOException refused) {
                // not connected
            }
        }
        return n;
    }
}
