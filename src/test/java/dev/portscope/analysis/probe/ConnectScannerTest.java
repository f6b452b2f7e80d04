package dev.portscope.analysis.probe;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/** Real connects on loopback to listeners the test opens, and to a port it knows is closed. */
class ConnectScannerTest {

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort(); // closed again when the test connects
        }
    }

    @Test
    void findsOpenAndClosedPortsOnBothFamiliesInTheTargetsOrder() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int v4 = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            int v6 = LoopbackSockets.port(sockets.listen("::1"));
            int closed = closedPort();
            List<InetSocketAddress> targets = List.of(new InetSocketAddress("127.0.0.1", v4), new InetSocketAddress("127.0.0.1", closed),
                    new InetSocketAddress("::1", v6));
            AtomicInteger reported = new AtomicInteger();
            List<PortCheck> checks = new ConnectScanner(ScanLimits.LOOPBACK.withConcurrency(2)).scan(targets, reported::set);
            assertThat(checks).extracting(PortCheck::status).containsExactly(PortStatus.OPEN, PortStatus.CLOSED, PortStatus.OPEN);
            assertThat(checks).extracting(PortCheck::target).containsExactlyElementsOf(targets);
            assertThat(reported.get()).isEqualTo(3);
        }
    }

    @Test
    void aLongScanInLanesKeepsEveryResultInPlace() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                open.add(LoopbackSockets.port(sockets.listen("127.0.0.1")));
            }
            List<InetSocketAddress> targets = new ArrayList<>();
            for (int port = 1; port <= 65_535; port += 7) {
                targets.add(new InetSocketAddress("127.0.0.1", port));
            }
            open.forEach(p -> targets.add(new InetSocketAddress("127.0.0.1", p)));
            List<PortCheck> checks = new ConnectScanner(ScanLimits.LOOPBACK).scan(targets, done -> {});
            assertThat(checks).hasSameSizeAs(targets);
            for (int i = 0; i < targets.size(); i++) {
                assertThat(checks.get(i).target()).isEqualTo(targets.get(i));
            }
            assertThat(checks.subList(checks.size() - 5, checks.size())).allMatch(PortCheck::open);
        }
    }

    /**
     * A listener whose accept queue is full drops new SYNs (Linux tcp_conn_request: "listen queue
     * overflow"), so a connect gets no answer: the port counts as filtered after the timeout.
     */
    @Test
    void aPortThatNeverAnswersIsFilteredAfterTheTimeout() throws Exception {
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
                List<PortCheck> checks = new ConnectScanner(ScanLimits.LOOPBACK.withTimeout(Duration.ofMillis(300)))
                        .scan(List.of(address), done -> {});
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
