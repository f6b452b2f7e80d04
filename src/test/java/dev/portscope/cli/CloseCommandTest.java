package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.testing.AsNobody;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import dev.portscope.testing.OwnListeners;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portscope close} on connections the test opens on loopback. Every run that may close
 * something sees this machine through {@link OwnListeners}, a keyhole showing only the test's own
 * ports, and names its connection exactly besides; only {@code --dry-run} and refusals look at the
 * whole machine. The suite runs as root, as closing needs CAP_NET_ADMIN.
 */
@Tag("live")
@Timeout(30)
class CloseCommandTest {

    /** The server's side of an established pair, named by both ends: {@code src A:S and dst A:C}. */
    private static String[] naming(String address, SocketChannel accepted, SocketChannel client) throws IOException {
        String a = address.contains(":") ? "[" + address + "]" : address;
        return new String[] {"src", a + ":" + LoopbackSockets.port(accepted), "and", "dst", a + ":" + LoopbackSockets.port(client)};
    }

    private static String[] args(String[] filter, String... options) {
        List<String> all = new java.util.ArrayList<>(List.of("close"));
        all.addAll(List.of(filter));
        all.addAll(List.of(options));
        return all.toArray(String[]::new);
    }

    private static CliEnvironment keyhole(SocketChannel... ends) throws IOException {
        Integer[] ports = new Integer[ends.length];
        for (int i = 0; i < ends.length; i++) {
            ports[i] = LoopbackSockets.port(ends[i]);
        }
        return OwnListeners.environment(ports);
    }

    /** The sockets of the pair, in either direction, in a fresh listing of the whole machine. */
    private static JsonNode listed(String address, SocketChannel a, SocketChannel b) throws IOException {
        String host = address.contains(":") ? "[" + address + "]" : address;
        String one = host + ":" + LoopbackSockets.port(a);
        String other = host + ":" + LoopbackSockets.port(b);
        CliRun run = CliRun.run("all", "(", "src", one, "and", "dst", other, ")", "or", "(", "src", other, "and", "dst", one, ")", "--json");
        return run.json().get("sockets");
    }

    /** Bytes written on one end arrive at the other: the connection is still open. */
    private static void assertStillConnected(SocketChannel from, SocketChannel to) throws IOException {
        from.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer got = ByteBuffer.allocate(4);
        while (got.hasRemaining()) {
            assertThat(to.read(got)).as("the peer still reads").isNotNegative();
        }
        assertThat(new String(got.array(), StandardCharsets.US_ASCII)).isEqualTo("ping");
    }

    private void closesAnEstablishedConnection(String address) throws Exception {
        try (var sockets = new LoopbackSockets()) {
            SocketChannel[] pair = sockets.connectedPair(sockets.listen(address));
            SocketChannel client = pair[0];
            SocketChannel accepted = pair[1];
            assertThat(listed(address, client, accepted)).hasSize(2);

            CliRun run = CliRun.run(keyhole(client, accepted), args(naming(address, accepted, client), "--yes"));

            assertThat(run.err()).isEmpty();
            assertThat(run.exitCode()).as(run.out()).isZero();
            assertThat(run.out()).startsWith("Will close 1 connection:\nPROTO  STATE  LOCAL")
                    .contains("ESTAB", "java", "root")
                    .contains("  closed\n")
                    .endsWith("Closed 1 of 1 connection.\n");
            // the peer got a reset; NIO keeps saying so
            assertThatThrownBy(() -> client.read(ByteBuffer.allocate(8)))
                    .isInstanceOf(SocketException.class).hasMessage("Connection reset");
            assertThatThrownBy(() -> client.read(ByteBuffer.allocate(8)))
                    .isInstanceOf(SocketException.class).hasMessage("Connection reset");
            // the closed side: ECONNABORTED once, then the end of the stream
            assertThatThrownBy(() -> accepted.read(ByteBuffer.allocate(8)))
                    .isInstanceOf(IOException.class).hasMessage("Software caused connection abort");
            assertThat(accepted.read(ByteBuffer.allocate(8))).isEqualTo(-1);
            assertThat(listed(address, client, accepted)).as("neither side is left in the kernel's tables").isEmpty();
        }
    }

    @Test
    void closesAnIpv4ConnectionAndItsPeerSeesTheReset() throws Exception {
        closesAnEstablishedConnection("127.0.0.1");
    }

    @Test
    void closesAnIpv6ConnectionAndItsPeerSeesTheReset() throws Exception {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback here");
        closesAnEstablishedConnection("::1");
    }

    private static boolean ipv6Loopback() {
        try (ServerSocketChannel s = ServerSocketChannel.open(java.net.StandardProtocolFamily.INET6)) {
            s.bind(new InetSocketAddress("::1", 0));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Test
    void aListenerIsLeftOutUnlessAskedForAndThenClosed() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            CliEnvironment env = OwnListeners.environment(port);

            CliRun leftOut = CliRun.run(env, "close", "sport", "=", ":" + port, "--yes");
            assertThat(leftOut.out()).isEqualTo("No connection to close.\nLeft out 1 listener: --listeners closes listeners too.\n");
            assertThat(leftOut.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
                assertThat(c.isConnected()).as("still listening").isTrue();
            }
            server.accept().close();

            CliRun closed = CliRun.run(env, "close", "sport", "=", ":" + port, "--listeners", "--yes");
            assertThat(closed.out()).startsWith("Will close 1 listener:\n").contains("LISTEN")
                    .contains("  tcp 127.0.0.1:" + port + " -> *:*  closed\n").endsWith("Closed 1 of 1 socket.\n");
            assertThat(closed.exitCode()).as(closed.err()).isZero();
            assertThatThrownBy(() -> SocketChannel.open(new InetSocketAddress("127.0.0.1", port))).isInstanceOf(ConnectException.class);
            assertThatThrownBy(server::accept).isInstanceOf(IOException.class).hasMessage("Invalid argument");
        }
    }

    @Test
    void aDryRunChangesNothing() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            SocketChannel[] pair = sockets.connectedPair(sockets.listen("127.0.0.1"));
            CliRun run = CliRun.run(args(naming("127.0.0.1", pair[1], pair[0]), "--dry-run"));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(run.partial() ? ExitCodes.PARTIAL : ExitCodes.OK);
            assertThat(run.out()).startsWith("Will close 1 connection:\n")
                    .contains("127.0.0.1:" + LoopbackSockets.port(pair[1]) + "  127.0.0.1:" + LoopbackSockets.port(pair[0]))
                    .endsWith("Dry run: nothing was closed.\n");
            assertStillConnected(pair[0], pair[1]);
            assertStillConnected(pair[1], pair[0]);
        }
    }

    @Test
    void withoutATerminalAndWithoutYesItRefuses() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            SocketChannel[] pair = sockets.connectedPair(sockets.listen("127.0.0.1"));
            CliRun run = CliRun.run(args(naming("127.0.0.1", pair[1], pair[0])));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).isEqualTo("portscope: not on a terminal, so cannot ask: add --yes to confirm, or --dry-run to only show\n");
            assertStillConnected(pair[0], pair[1]);
        }
    }

    @Test
    void onATerminalItClosesOnlyWhenTheAnswerIsYes() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            SocketChannel[] pair = sockets.connectedPair(sockets.listen("127.0.0.1"));
            String[] filter = naming("127.0.0.1", pair[1], pair[0]);

            CliRun no = CliRun.run(answering("n\n", pair), args(filter));
            assertThat(no.out()).contains("Close it? [y/N] Nothing was closed.\n");
            assertThat(no.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertStillConnected(pair[0], pair[1]);

            CliRun yes = CliRun.run(answering("y\n", pair), args(filter));
            assertThat(yes.out()).contains("Close it? [y/N]   tcp 127.0.0.1:").endsWith("Closed 1 of 1 connection.\n");
            assertThat(yes.exitCode()).isZero();
            assertThatThrownBy(() -> pair[0].read(ByteBuffer.allocate(8))).hasMessage("Connection reset");
        }
    }

    private static CliEnvironment answering(String answer, SocketChannel... ends) throws IOException {
        CliEnvironment keyhole = keyhole(ends);
        return new CliEnvironment(Map.of(), false, 0, keyhole.platform(), Clock.systemUTC(),
                new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)), true);
    }

    @Test
    void jsonGivesTheOutcomeOfEachConnectionInTheCommonEnvelope() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            SocketChannel[] pair = sockets.connectedPair(server);
            int port = LoopbackSockets.port(server);
            // both sides of the pair, and the listener: left out
            CliRun run = CliRun.run(keyhole(pair), "close", "sport", "=", ":" + port, "or", "dport", "=", ":" + port, "--json", "--yes");
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode json = run.json();
            assertThat(json.get("format").asText()).isEqualTo("portscope-close");
            assertThat(json.get("version").asInt()).isEqualTo(1);
            assertThat(json.get("dryRun").asBoolean()).isFalse();
            JsonNode connections = json.get("connections");
            assertThat(connections).hasSize(2).allSatisfy(c -> {
                assertThat(c.get("state").asText()).isEqualTo("ESTABLISHED");
                assertThat(c.at("/processes/0/pid").asLong()).isEqualTo(ProcessHandle.current().pid());
            });
            assertThat(connections.get(0).get("outcome").asText()).isEqualTo("closed");
            assertThat(connections.get(0).get("error").isNull()).isTrue();
            // closing one side resets the other on loopback: by the time it is asked for, it is usually gone
            JsonNode second = connections.get(1);
            if (second.get("outcome").asText().equals("gone")) {
                assertThat(second.get("error").asText())
                        .isEqualTo("ENOENT (no such file or directory): the connection had already ended; nothing to close");
            } else {
                assertThat(second.get("outcome").asText()).isEqualTo("closed");
            }
            assertThat(json.at("/leftOut/listener").asInt()).isEqualTo(1);
            assertThat(json.at("/leftOut/udp").asInt()).isZero();
            assertThat(json.get("closed").asInt() + json.get("alreadyGone").asInt()).isEqualTo(2);
            assertThat(json.get("stillOpen").asInt()).isZero();
            assertThat(json.get("partial").asBoolean()).isFalse();
        }
    }

    @Test
    void timeWaitIsLeftOutWithItsReason() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            SocketChannel[] pair = sockets.connectedPair(sockets.listen("127.0.0.1"));
            int clientPort = LoopbackSockets.port(pair[0]);
            CliEnvironment env = keyhole(pair[0]);
            pair[0].close(); // the side that closes first waits in TIME-WAIT once the other has closed too
            pair[1].close();
            assertThat(LoopbackSockets.eventually(Duration.ofSeconds(5),
                    () -> CliRun.run(env, "conns", "sport", "=", ":" + clientPort).out().contains("TIME-WAIT"))).isTrue();
            CliRun run = CliRun.run(env, "close", "sport", "=", ":" + clientPort, "--yes");
            assertThat(run.out()).isEqualTo("No connection to close.\nLeft out 1 connection in TIME-WAIT: closed by their applications"
                    + " already; the kernel lets them go by itself within a minute.\n");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        }
    }

    @Test
    void udpIsLeftOutAndUdpAloneIsRefused() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            var udp = sockets.udp("127.0.0.1");
            int port = LoopbackSockets.port(udp);
            udp.connect(new InetSocketAddress("127.0.0.1", port));
            CliRun run = CliRun.run(OwnListeners.environment(port), "close", "sport", "=", ":" + port, "--yes");
            assertThat(run.out()).isEqualTo("No connection to close.\nLeft out 1 UDP socket: close acts on TCP connections only"
                    + " (UDP has no connection to close).\n");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);

            CliRun udpOnly = CliRun.run("close", "-u", "sport", "=", ":" + port, "--yes");
            assertThat(udpOnly.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(udpOnly.err()).isEqualTo("portscope: close acts on TCP connections only: -u selects none\n");
        }
    }

    @Test
    void withoutAFilterItClosesNothing() {
        CliRun run = CliRun.run("close", "--yes");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("portscope: name the connections to close with a FILTER");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void jsonCannotAsk() {
        CliRun run = CliRun.run("close", "dport", "=", ":1", "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("portscope: --json cannot ask for confirmation: add --yes to close, or --dry-run to only show\n");
    }

    /**
     * As nobody (through setpriv), without CAP_NET_ADMIN: the kernel refuses the first connection with
     * EPERM, and the second, which would be refused the same way, is not asked for. Nothing is closed.
     */
    @Test
    @Timeout(120)
    void withoutCapNetAdminTheKernelRefusesAndSaysWhatIsNeeded(@TempDir Path dir) throws Exception {
        AsNobody.assumePossible();
        try (var sockets = new LoopbackSockets()) {
            SocketChannel[] pair = sockets.connectedPair(sockets.listen("127.0.0.1"));
            String client = "127.0.0.1:" + LoopbackSockets.port(pair[0]);
            String server = "127.0.0.1:" + LoopbackSockets.port(pair[1]);
            Process run = AsNobody.portscope(dir, "close", "(", "src", client, "and", "dst", server, ")", "or",
                    "(", "src", server, "and", "dst", client, ")", "--yes", "--json");
            String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            JsonNode json = new ObjectMapper().readTree(dir.resolve("out.json").toFile());

            assertThat(run.exitValue()).as(err).isEqualTo(ExitCodes.NOT_FOUND);
            JsonNode connections = json.get("connections");
            assertThat(connections).hasSize(2);
            assertThat(connections.get(0).get("outcome").asText()).isEqualTo("not-permitted");
            assertThat(connections.get(0).get("error").asText())
                    .isEqualTo("EPERM (operation not permitted): closing connections needs CAP_NET_ADMIN (run portscope as root)");
            assertThat(connections.get(1).get("outcome").asText()).isEqualTo("not-tried");
            assertThat(json.get("stillOpen").asInt()).isEqualTo(2);
            assertStillConnected(pair[0], pair[1]);
            assertStillConnected(pair[1], pair[0]);
        }
    }
}
