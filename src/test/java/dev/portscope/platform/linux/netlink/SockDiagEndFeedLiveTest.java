package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.SocketEndFeed;
import dev.portscope.platform.linux.netlink.OwnEnds.Tuple;
import dev.portscope.testing.AsNobody;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The live feed against connections this test opens and closes on loopback. Other sockets of the
 * machine end meanwhile and are in the feed too: only this test's own are looked at, by their
 * 4-tuples, never the whole stream.
 */
@Tag("live")
class SockDiagEndFeedLiveTest {

    private static final Path PROC = Path.of("/proc");
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final InetAddress V4 = OwnEnds.V4;
    private static final InetAddress V6 = OwnEnds.V6;

    @BeforeAll
    static void needsNetlink() {
        assumeTrue(NetlinkSocketSource.unavailableReason().isEmpty(), () -> "no netlink here: " + NetlinkSocketSource.unavailableReason());
    }

    @Test
    void everyOwnSocketThatEndsIsNoticedWithItsProtocolFamilyTupleAndCookie() throws Exception {
        DiagnosticLog log = new DiagnosticLog();
        try (SockDiagEndFeed feed = SockDiagEndFeed.open(PROC, SockDiagEndFeed.CAPACITY, log).orElseThrow()) {
            assertThat(log.diagnostics()).isEmpty();
            Set<Tuple> expected = new HashSet<>();
            expected.addAll(OwnEnds.connectAndClose(V4, 200));
            expected.addAll(OwnEnds.connectAndClose(V6, 20));
            expected.addAll(OwnEnds.udpOpenAndClose());

            Map<Tuple, Socket> seen = OwnEnds.collect(feed, expected);

            assertThat(expected).as("both ends of each connection, the listeners, four UDP sockets").hasSize(2 * 200 + 1 + 2 * 20 + 1 + 4);
            assertThat(seen.keySet()).as("notices of this test's sockets").containsExactlyInAnyOrderElementsOf(expected);
            for (Socket s : seen.values()) {
                assertThat(s.linux().cookie()).isNotZero();
                assertThat(s.linux().netns()).isEqualTo(OwnSockets.networkNamespaceOfThisProcess());
                assertThat(s.uid()).isEqualTo(Socket.UNKNOWN_UID);
                if (s.protocol() == Protocol.TCP) {
                    assertThat(s.state()).isEqualTo(SocketState.CLOSE);
                }
            }
            assertThat(seen.values().stream().map(s -> s.linux().cookie()).distinct()).hasSize(expected.size());
        }
    }

    @Test
    void aConnectionResetByItsClientIsNoticedOnBothSides() throws Exception {
        DiagnosticLog log = new DiagnosticLog();
        try (SockDiagEndFeed feed = SockDiagEndFeed.open(PROC, SockDiagEndFeed.CAPACITY, log).orElseThrow();
                ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(V4, 0))) {
            InetSocketAddress server = (InetSocketAddress) listener.getLocalAddress();
            SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET);
            client.connect(server);
            SocketChannel accepted = listener.accept();
            Tuple acceptedSide = Tuple.of(Protocol.TCP, IpFamily.IPV4, accepted, (InetSocketAddress) accepted.getRemoteAddress());
            int clientPort = ((InetSocketAddress) client.getLocalAddress()).getPort();
            // SO_LINGER 0: close sends an RST and the kernel frees the socket at once (tcp_disconnect),
            // clearing the remote port and the local address the client had not bound itself
            client.setOption(StandardSocketOptions.SO_LINGER, 0);
            client.close();
            Tuple clientSide = new Tuple(Protocol.TCP, IpFamily.IPV4, InetAddress.ofLiteral("0.0.0.0"), clientPort, server.getAddress(), 0);
            Thread.sleep(50); // the RST crosses loopback
            accepted.close();

            Map<Tuple, Socket> seen = OwnEnds.collect(feed, Set.of(clientSide, acceptedSide));
            assertThat(seen.keySet()).containsExactlyInAnyOrder(clientSide, acceptedSide);
            assertThat(seen.values()).allSatisfy(s -> assertThat(s.state()).isEqualTo(SocketState.CLOSE));
        }
    }

    @Test
    void overflowIsCountedAndTheBufferNeverHoldsMoreThanItsCapacity() throws Exception {
        DiagnosticLog log = new DiagnosticLog();
        try (SockDiagEndFeed feed = SockDiagEndFeed.open(PROC, 10, log).orElseThrow()) {
            OwnEnds.connectAndClose(V4, 30); // 61 notices at least: 60 connections' ends, the listener
            long lost = 0;
            long deadline = System.nanoTime() + WAIT_NANOS;
            while (lost < 51 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                lost += feed.lost();
            }
            assertThat(lost).as("notices that found the buffer full").isGreaterThanOrEqualTo(51);
            assertThat(feed.lost()).as("lost() counts since the previous call").isLessThan(lost);
            List<Socket> drained = feed.drain();
            assertThat(drained).hasSize(10);
            assertThat(feed.drain()).as("drain() empties the buffer").hasSizeLessThanOrEqualTo(10);
        }
    }

    @Test
    void closeEndsTheReaderThreadAndIsIdempotent() throws Exception {
        DiagnosticLog log = new DiagnosticLog();
        SockDiagEndFeed feed = SockDiagEndFeed.open(PROC, SockDiagEndFeed.CAPACITY, log).orElseThrow();
        assertThat(feed.readerAlive()).isTrue();
        assertThat(threadsNamed(SockDiagEndFeed.THREAD_NAME)).isPositive();
        long start = System.nanoTime();
        feed.close();
        assertThat(feed.readerAlive()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("close waits at most about one wake-up").isLessThan(1_500);
        feed.close();
        assertThat(feed.drain()).isEmpty();
        assertThat(feed.lost()).isZero();
    }

    @Test
    void theLinuxPlatformOffersTheFeed() {
        DiagnosticLog log = new DiagnosticLog();
        var platform = new dev.portscope.platform.linux.LinuxPlatform(PROC, Path.of("/etc"));
        try (SocketEndFeed feed = platform.socketEndFeed(log).orElseThrow()) {
            assertThat(feed).isInstanceOf(SockDiagEndFeed.class);
            assertThat(log.diagnostics()).isEmpty();
        }
    }

    /**
     * A process without privileges hears the notices of its namespace: run as nobody (uid 65534)
     * through setpriv, {@link EndFeedProbe} opens the feed, closes a connection of its own and waits
     * for both its ends.
     */
    @Test
    void anUnprivilegedProcessHearsTheNotices() throws Exception {
        AsNobody.assumePossible();
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Files.isDirectory(Path.of(entry))) {
                classPath.add(entry); // target/classes and target/test-classes: the probe needs no library
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder("/usr/bin/setpriv", "--reuid=" + AsNobody.UID, "--regid=" + AsNobody.UID, "--clear-groups",
                java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, classPath),
                EndFeedProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        boolean ended = process.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("uid 65534: both ends and the listener noticed");
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).count();
    }
}
