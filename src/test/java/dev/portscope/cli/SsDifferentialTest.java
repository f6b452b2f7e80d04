package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketState;
import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * portscope and {@code ss -tuanH}, read one after the other on this machine, see the same sockets:
 * (protocol, local, remote, state). ss is read before and after portscope; a socket seen by only
 * one of those two reads churned and is forgiven.
 */
class SsDifferentialTest {

    /** A comparable socket identity; wildcard addresses read {@code *}, IPv4-mapped addresses as IPv4. */
    record Key(String protocol, SocketState state, String local, String remote) {}

    /** An address as portscope's JSON writes it (no brackets), and its port. */
    static String endpoint(String host, String port) throws IOException {
        String h = host;
        int percent = h.indexOf('%');
        if (percent >= 0) {
            h = h.substring(0, percent);
        }
        String address;
        if (h.equals("*")) {
            address = "*";
        } else {
            InetAddress a = InetAddress.getByName(h);
            address = a.isAnyLocalAddress() ? "*" : a.getHostAddress();
        }
        return address + ":" + (port.equals("*") ? "0" : port);
    }

    /**
     * An endpoint as ss prints it: {@code 127.0.0.1:22}, {@code [::1]:22}, {@code *:*}, and for a
     * socket bound to a device the device after the address (ss.c sock_addr_print: address, "%",
     * device, then ":" and the port): {@code [fe80::1]%eth0:546}, {@code 127.0.0.53%lo:53},
     * {@code *%lo:53}.
     */
    static String splitEndpoint(String text) throws IOException {
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.indexOf(']')); // drops "]" and any "%device" after it
        }
        return endpoint(host, text.substring(colon + 1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:22 | 127.0.0.1:22",
        "[::1]:631 | 0:0:0:0:0:0:0:1:631",
        "*:* | *:0",
        "0.0.0.0:* | *:0",
        "[::]:22 | *:22",
        "[::ffff:127.0.0.1]:8080 | 127.0.0.1:8080",
        "[fe80::fc:ff:fe00:1]%eth0:546 | fe80:0:0:0:fc:ff:fe00:1:546",
        "[fe80::1%eth0]:546 | fe80:0:0:0:0:0:0:1:546",
        "127.0.0.53%lo:53 | 127.0.0.53:53",
        "*%lo:5353 | *:5353",
    })
    void readsTheEndpointsSsPrints(String printed, String key) throws IOException {
        assertThat(splitEndpoint(printed)).isEqualTo(key);
    }

    static Set<Key> ss(boolean withBoundTcp) throws Exception {
        Process ss = new ProcessBuilder("ss", "-tuanH").redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ss.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ss.exitValue()).as(out).isZero();
        Set<Key> keys = new HashSet<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6) {
                continue;
            }
            SocketState state = SocketState.parse(f[1]);
            if (!withBoundTcp && f[0].equals("tcp") && state == SocketState.CLOSE) {
                continue; // bound, not listening: absent from /proc/net/tcp by design
            }
            keys.add(new Key(f[0], state, splitEndpoint(f[4]), splitEndpoint(f[5])));
        }
        return keys;
    }

    static Set<Key> portscope(String backend) throws Exception {
        CliRun run = CliRun.run("all", "--json", "--no-process", "--backend", backend);
        Set<Key> keys = new HashSet<>();
        for (JsonNode s : run.json().get("sockets")) {
            String protocol = s.get("protocol").asText();
            keys.add(new Key(
                    protocol,
                    SocketState.valueOf(s.get("state").asText()),
                    endpoint(s.get("local").get("address").asText(), s.get("local").get("port").asText()),
                    endpoint(s.get("remote").get("address").asText(), s.get("remote").get("port").asText())));
        }
        return keys;
    }

    /** Two UDP sockets bound to the loopback device (SO_BINDTODEVICE), which ss prints with "%lo"; prints their ports. */
    private static final String BOUND_TO_LO = String.join("\n",
            "import socket, time",
            "held = []",
            "for family, address in ((socket.AF_INET, '127.0.0.1'), (socket.AF_INET6, '::')):",
            "    s = socket.socket(family, socket.SOCK_DGRAM)",
            "    s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b'lo'); s.bind((address, 0)); held.append(s)",
            "print(' '.join(str(s.getsockname()[1]) for s in held), flush=True)",
            "time.sleep(60)");

    @ParameterizedTest
    @ValueSource(strings = {"auto", "proc"})
    @Tag("live")
    void seesWhatSsSees(String backend) throws Exception {
        try (var sockets = new LoopbackSockets(); var bound = ChildProcess.start(List.of("python3", "-c", BOUND_TO_LO))) {
            String[] devicePorts = bound.firstLine().strip().split(" ");
            var server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            var pair = sockets.connectedPair(server);
            int v6 = LoopbackSockets.port(sockets.listen("::1"));
            int udp = LoopbackSockets.port(sockets.udp("127.0.0.1"));
            boolean withBoundTcp = !backend.equals("proc");

            Set<Key> mine = Set.of(
                    new Key("tcp", SocketState.LISTEN, "127.0.0.1:" + port, "*:0"),
                    new Key("tcp", SocketState.ESTABLISHED, "127.0.0.1:" + LoopbackSockets.port(pair[0]), "127.0.0.1:" + port),
                    new Key("tcp", SocketState.ESTABLISHED, "127.0.0.1:" + port, "127.0.0.1:" + LoopbackSockets.port(pair[0])),
                    new Key("tcp", SocketState.LISTEN, "0:0:0:0:0:0:0:1:" + v6, "*:0"),
                    new Key("udp", SocketState.CLOSE, "127.0.0.1:" + udp, "*:0"),
                    new Key("udp", SocketState.CLOSE, "127.0.0.1:" + devicePorts[0], "*:0"), // ss: 127.0.0.1%lo:PORT
                    new Key("udp", SocketState.CLOSE, "*:" + devicePorts[1], "*:0")); // ss: *%lo:PORT
            // A socket that lives only between the two ss runs is seen by portscope alone: other
            // programs' churn. And no dump of a changing table is a snapshot: a kernel dump resumes
            // at a position, so a socket that lived all along can be skipped when others before it
            // go (ss skips some too, under thousands of TIME_WAIT sockets coming and going). A real
            // discrepancy shows in every round: only what each round misses is held against portscope.
            Set<Key> ours = Set.of();
            Set<Key> missed = null;
            Set<Key> unseen = null;
            for (int round = 0; round < 5; round++) {
                Set<Key> before = ss(withBoundTcp);
                ours = portscope(backend);
                Set<Key> after = ss(withBoundTcp);
                assertThat(before).containsAll(mine);
                assertThat(ours).containsAll(mine);

                Set<Key> stable = new HashSet<>(before);
                stable.retainAll(after);
                Set<Key> seenBySs = new HashSet<>(before);
                seenBySs.addAll(after);
                // Set differences, not containsAll: AssertJ compares element by element, hours on a busy machine.
                Set<Key> missedNow = new HashSet<>(stable);
                missedNow.removeAll(ours);
                Set<Key> unseenNow = new HashSet<>(ours);
                unseenNow.removeAll(seenBySs);
                if (missed == null) {
                    missed = missedNow;
                    unseen = unseenNow;
                } else {
                    missed.retainAll(missedNow);
                    unseen.retainAll(unseenNow);
                }
                if (missed.isEmpty() && unseen.isEmpty()) {
                    break;
                }
            }
            assertThat(missed).as("portscope misses sockets ss saw twice").isEmpty();
            assertThat(unseen).as("portscope sees sockets ss never saw").isEmpty();
            assertThat(ours).extracting(k -> Protocol.valueOf(k.protocol().toUpperCase(Locale.ROOT))).isNotEmpty();
        }
    }
}
