package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.CliRun;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which addresses a listener takes, for real: an IPv6-only ({@code IPV6_V6ONLY=1}) and a dual-stack
 * listener on {@code [::]}, and an IPv6 socket bound to {@code ::ffff:0.0.0.0}, opened by a child
 * process of the test. Each answer of {@code who} and {@code why} is checked against the kernel's own:
 * a connect to the address, refused or not (to these listeners only).
 */
class AddressRulesLiveTest {

    /**
     * Prints the ports of: [::] v6only, [::] dual-stack, ::ffff:0.0.0.0. Each port is one that no
     * other socket of the other family holds, so that the answers are about these sockets alone.
     */
    private static final String LISTENERS = String.join("\n",
            "import socket, time",
            "def listen6(address, v6only):",
            "    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)",
            "    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if v6only else 0)",
            "    s.bind((address, 0)); s.listen(); return s",
            "def free(family, address, port):",
            "    t = socket.socket(family, socket.SOCK_STREAM)",
            "    try:",
            "        if family == socket.AF_INET6: t.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)",
            "        t.bind((address, port)); return True",
            "    except OSError: return False",
            "    finally: t.close()",
            "def alone(address, v6only, family, other):",
            "    for attempt in range(50):",
            "        s = listen6(address, v6only)",
            "        if free(family, other, s.getsockname()[1]): return s",
            "        s.close()",
            "    raise SystemExit('no port free of other sockets')",
            "socks = [alone('::', True, socket.AF_INET, '0.0.0.0'), listen6('::', False),",
            "         alone('::ffff:0.0.0.0', False, socket.AF_INET6, '::')]",
            "lo = socket.socket()",
            "try:",
            "    lo.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b'lo'); lo.bind(('0.0.0.0', 0)); lo.listen(); socks.append(lo)",
            "except OSError: pass  # SO_BINDTODEVICE needs CAP_NET_RAW before Linux 5.7",
            "print(*[s.getsockname()[1] for s in socks], flush=True)",
            "time.sleep(120)");

    private static ChildProcess listeners;
    private static int v6Only;
    private static int dualStack;
    private static int mappedAny;
    private static int onLoopbackDevice;

    @BeforeAll
    static void open() throws Exception {
        listeners = ChildProcess.start(List.of("python3", "-c", LISTENERS));
        String[] ports = listeners.firstLine().trim().split(" ");
        v6Only = Integer.parseInt(ports[0]);
        dualStack = Integer.parseInt(ports[1]);
        mappedAny = Integer.parseInt(ports[2]);
        onLoopbackDevice = ports.length > 3 ? Integer.parseInt(ports[3]) : 0;
    }

    @AfterAll
    static void close() throws Exception {
        listeners.close();
    }

    private static boolean accepts(String address, int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(address), port), 5_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    @Test
    void anIpv6OnlyListenerDoesNotHoldTheIpv4Address() throws Exception {
        assertThat(accepts("127.0.0.1", v6Only)).as("the kernel's answer").isFalse();
        CliRun who = CliRun.run("who", "127.0.0.1:" + v6Only);
        assertThat(who.exitCode()).as(who.out()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(who.out()).startsWith("Nothing holds port 127.0.0.1:" + v6Only + " on this machine.");
        assertThat(CliRun.run("why", Integer.toString(v6Only), "--addr", "127.0.0.1").exitCode()).as("why agrees").isEqualTo(ExitCodes.OK);

        assertThat(accepts("::1", v6Only)).isTrue();
        assertThat(CliRun.run("who", "[::1]:" + v6Only).exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aDualStackListenerHoldsTheIpv4AddressToo() throws Exception {
        assertThat(accepts("127.0.0.1", dualStack)).isTrue();
        CliRun who = CliRun.run("who", "127.0.0.1:" + dualStack, "--json");
        assertThat(who.exitCode()).as(who.out()).isEqualTo(ExitCodes.OK);
        JsonNode listener = who.json().get("holdings").get(0);
        assertThat(listener.get("role").asText()).isEqualTo("listener");
        assertThat(listener.get("certain").asBoolean()).isTrue();
        assertThat(listener.get("socket").get("v6Only").asBoolean()).isFalse();
    }

    @Test
    void tablesTellDualStackFromIpv6OnlyAsSsDoes() throws Exception {
        String listen = CliRun.run("listen", "-n", "-t", "sport", "=", ":" + dualStack, "or", "sport", "=", ":" + v6Only).out();
        assertThat(listen).containsPattern("tcp6 +\\* +" + dualStack + " ").containsPattern("tcp6 +:: +" + v6Only + " ");
        String all = CliRun.run("all", "-n", "-t", "sport", "=", ":" + dualStack, "or", "sport", "=", ":" + v6Only).out();
        assertThat(all).contains(" *:" + dualStack + " ").contains(" [::]:" + v6Only + " ");
        JsonNode json = CliRun.run("listen", "--json", "-t", "sport", "=", ":" + dualStack, "or", "sport", "=", ":" + v6Only).json();
        for (JsonNode s : json.get("sockets")) {
            assertThat(s.get("local").get("address").asText()).isEqualTo("::");
            assertThat(s.get("v6Only").asBoolean()).isEqualTo(s.get("local").get("port").asInt() == v6Only);
        }
        assertThat(json.get("sockets")).hasSize(2);
    }

    @Test
    void aWildcardBoundToLoopbackIsLoopbackOnlyAndShownAsSsShowsIt() throws Exception {
        assumeTrue(onLoopbackDevice != 0, "SO_BINDTODEVICE not permitted");
        String listen = CliRun.run("listen", "-n", "-t", "sport", "=", ":" + onLoopbackDevice).out();
        assertThat(listen).containsPattern("tcp +0\\.0\\.0\\.0%lo +" + onLoopbackDevice + " +loopback ");
        JsonNode socket = CliRun.run("listen", "--json", "-t", "sport", "=", ":" + onLoopbackDevice).json().get("sockets").get(0);
        assertThat(socket.get("exposure").asText()).isEqualTo("loopback");
        assertThat(socket.get("local").get("address").asText()).isEqualTo("0.0.0.0");
        assertThat(socket.get("local").get("interface").get("name").asText()).isEqualTo("lo");
        assertThat(CliRun.run("who", Integer.toString(onLoopbackDevice)).out())
                .contains("tcp  0.0.0.0%lo:" + onLoopbackDevice + "  LISTEN  exposure: loopback");
        // the oracle: ss writes the same local end
        Process ss = new ProcessBuilder("ss", "-Hltn", "sport", "=", ":" + onLoopbackDevice).start();
        String ssOut = new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ss.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(ssOut).contains("0.0.0.0%lo:" + onLoopbackDevice);
    }

    @Test
    void anIpv6SocketOnTheMappedWildcardTakesEveryIpv4AddressAndNoIpv6One() throws Exception {
        assertThat(accepts("::1", mappedAny)).as("the kernel's answer").isFalse();
        assertThat(accepts("127.0.0.1", mappedAny)).isTrue();

        CliRun v6 = CliRun.run("who", "[::1]:" + mappedAny);
        assertThat(v6.exitCode()).as(v6.out()).isEqualTo(ExitCodes.NOT_FOUND);
        CliRun v4 = CliRun.run("who", "127.0.0.1:" + mappedAny);
        assertThat(v4.exitCode()).as(v4.out()).isEqualTo(ExitCodes.OK);
        assertThat(v4.out()).contains("tcp6  [::ffff:0.0.0.0]:" + mappedAny + "  LISTEN");

        CliRun why = CliRun.run("why", Integer.toString(mappedAny), "--addr", "127.0.0.1", "--json");
        JsonNode blocker = why.json().get("blockers").get(0);
        assertThat(blocker.get("kind").asText()).as("not a dual-stack listener").isEqualTo("listener");
        assertThat(blocker.get("explanation").asText()).contains("::ffff:0.0.0.0").contains("every IPv4 address");
        assertThat(blocker.get("sockets").get(0).get("local").get("address").asText()).isEqualTo("::ffff:0.0.0.0");
        assertThat(CliRun.run("why", "[::1]:" + mappedAny).exitCode()).as("::1 is free").isEqualTo(ExitCodes.OK);

        assertThat(CliRun.run("listen", "-n", "-t", "sport", "=", ":" + mappedAny).out()).contains("::ffff:0.0.0.0");
    }
}
