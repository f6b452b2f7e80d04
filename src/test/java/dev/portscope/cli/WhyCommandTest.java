package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code portscope why}: each kind of blocker reproduced for real on loopback, and the free case. */
@Tag("live")
class WhyCommandTest {

    private static final long SELF = ProcessHandle.current().pid();

    private static JsonNode why(String... args) {
        List<String> all = new ArrayList<>(List.of("why", "--json"));
        all.addAll(List.of(args));
        CliRun run = CliRun.run(all.toArray(String[]::new));
        JsonNode json = run.json();
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(json.get("bindable").asBoolean() ? 0 : 1);
        return json;
    }

    private static List<String> kinds(JsonNode report) {
        List<String> kinds = new ArrayList<>();
        report.get("blockers").forEach(b -> kinds.add(b.get("kind").asText()));
        return kinds;
    }

    private static List<Long> pids(JsonNode blocker) {
        List<Long> pids = new ArrayList<>();
        blocker.get("processes").forEach(p -> pids.add(p.get("pid").asLong()));
        return pids;
    }

    private static List<Long> blockerPids(JsonNode report) {
        List<Long> pids = new ArrayList<>();
        report.get("blockers").forEach(b -> pids.addAll(pids(b)));
        return pids;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * On a captured /proc with one process in another network namespace whose tables are missing:
     * why says that part of its answer is missing, in JSON and on stderr (it used to drop it).
     */
    @Test
    void otherNamespacesThatCannotBeReadAreDiagnostics(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path proc = dir.resolve("proc");
        Files.createDirectories(proc.resolve("net"));
        Files.copy(dev.portscope.testing.Fixtures.path("proc/debian12-loopback/net/tcp"), proc.resolve("net/tcp"));
        Files.createDirectories(proc.resolve("900/ns"));
        Files.createDirectories(proc.resolve("900/net"));
        Files.createSymbolicLink(proc.resolve("900/ns/net"), Path.of("net:[4026532009]"));
        var env = new CliEnvironment(java.util.Map.of(), false, 0, proc, dev.portscope.testing.Fixtures.path("etc/debian12"),
                java.time.Clock.systemUTC());
        CliRun run = CliRun.run(env, "why", "8080", "--json", "-n");
        JsonNode diagnostics = run.json().get("diagnostics");
        assertThat(diagnostics.findValuesAsText("message")).as(run.err())
                .anySatisfy(m -> assertThat(m).startsWith("network namespace 4026532009: ").contains("900/net/tcp"));
        assertThat(run.json().get("partial").asBoolean()).isTrue();
        assertThat(run.err()).contains("network namespace 4026532009: ");
    }

    @Test
    void aListenerOnTheSameAddressBlocksWithItsPid() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            JsonNode report = why(Integer.toString(port), "--addr", "127.0.0.1");
            assertThat(report.get("verdict").asText()).isEqualTo("blocked");
            assertThat(kinds(report)).containsExactly("listener");
            assertThat(pids(report.get("blockers").get(0))).containsExactly(SELF);
            CliRun text = CliRun.run("why", Integer.toString(port), "--addr", "127.0.0.1");
            assertThat(text.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(text.out()).startsWith("Can TCP 127.0.0.1:" + port + " be bound by ")
                    .contains("a listener holds the same address and port")
                    .contains("Verdict: blocked: listener, held by java (pid " + SELF + ")")
                    .contains("portscope kill " + port);
        }
    }

    @Test
    void aWildcardBindIsBlockedByASpecificListenerAndASpecificBindByAWildcardOne() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int specific = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            JsonNode wildcardBind = why(Integer.toString(specific));
            assertThat(kinds(wildcardBind)).containsExactly("listener");
            assertThat(wildcardBind.get("blockers").get(0).get("explanation").asText()).contains("a wildcard bind needs the port on every address");
            JsonNode elsewhere = why(Integer.toString(specific), "--addr", "127.0.0.2");
            assertThat(blockerPids(elsewhere)).doesNotContain(SELF);
            assertThat(elsewhere.get("bystanders").findValues("pid").stream().map(JsonNode::asLong).toList()).contains(SELF);

            int wildcard = LoopbackSockets.port(sockets.listen("0.0.0.0"));
            JsonNode specificBind = why(Integer.toString(wildcard), "--addr", "127.0.0.1", "--try");
            assertThat(kinds(specificBind)).containsExactly("listener");
            assertThat(specificBind.get("blockers").get(0).get("explanation").asText()).contains("wildcard address takes the port on every address");
            assertThat(specificBind.get("trial").get("errno").asInt()).isEqualTo(98);
            assertThat(specificBind.get("trial").get("error").asText()).startsWith("EADDRINUSE");
        }
    }

    @Test
    void anIpv6WildcardListenerTakesIpv4TooUnlessV6Only() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int dual = LoopbackSockets.port(sockets.listen("::")); // Java leaves IPV6_V6ONLY off
            JsonNode report = why(Integer.toString(dual), "--addr", "0.0.0.0", "--try");
            assertThat(kinds(report)).containsExactly("dual-stack-listener");
            assertThat(pids(report.get("blockers").get(0))).containsExactly(SELF);
            assertThat(report.get("blockers").get(0).get("sockets").get(0).get("v6Only").asBoolean()).isFalse();
            assertThat(report.get("trial").get("succeeded").asBoolean()).isFalse();
        }
        String v6OnlyServer = "import socket, time\n"
                + "s = socket.socket(socket.AF_INET6); s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)\n"
                + "s.bind(('::', 0)); s.listen(); print(s.getsockname()[1], flush=True); time.sleep(60)";
        try (var server = ChildProcess.start(List.of("python3", "-c", v6OnlyServer))) {
            String port = server.firstLine().strip();
            // Other programs' sockets may hold the same port number; only this server's place is asserted.
            JsonNode ipv4 = why(port, "--addr", "0.0.0.0");
            assertThat(blockerPids(ipv4)).doesNotContain(server.pid());
            assertThat(ipv4.get("bystanders").findValues("pid").stream().map(JsonNode::asLong).toList()).contains(server.pid());
            JsonNode ipv6 = why(port, "--addr", "::1");
            assertThat(kinds(ipv6)).containsExactly("listener");
            assertThat(pids(ipv6.get("blockers").get(0))).containsExactly(server.pid());
        }
    }

    @Test
    void aSocketBoundButNotListeningBlocksAndOnlyNetlinkSeesIt() throws Exception {
        try (SocketChannel bound = SocketChannel.open()) {
            bound.bind(new InetSocketAddress("127.0.0.1", 0));
            String port = Integer.toString(LoopbackSockets.port(bound));
            JsonNode report = why(port, "--addr", "127.0.0.1", "--try");
            assertThat(kinds(report)).containsExactly("bound-not-listening");
            assertThat(pids(report.get("blockers").get(0))).containsExactly(SELF);
            assertThat(report.get("trial").get("error").asText()).startsWith("EADDRINUSE");
            JsonNode proc = why(port, "--addr", "127.0.0.1", "--backend", "proc");
            assertThat(kinds(proc)).isEmpty();
        }
    }

    @Test
    void timeWaitBlocksAPlainSocketButNotOneWithSoReuseaddr() throws Exception {
        int port;
        try (var sockets = new LoopbackSockets()) {
            var server = sockets.listen("127.0.0.1"); // Java sets SO_REUSEADDR; accepted sockets inherit it
            port = LoopbackSockets.port(server);
            SocketChannel[] pair = sockets.connectedPair(server);
            pair[1].close(); // the server side closes first and is left in TIME_WAIT
            assertThat(LoopbackSockets.eventually(Duration.ofSeconds(5), () -> {
                try {
                    return pair[0].read(java.nio.ByteBuffer.allocate(1)) < 0;
                } catch (java.io.IOException e) {
                    return true;
                }
            })).isTrue();
            pair[0].close();
            server.close();
        }
        JsonNode plain = why(Integer.toString(port), "--addr", "127.0.0.1", "--try");
        assertThat(kinds(plain)).containsExactly("time-wait");
        assertThat(plain.get("blockers").get(0).get("certain").asBoolean()).isTrue();
        assertThat(plain.get("blockers").get(0).get("liftedBy").asText()).isEqualTo("SO_REUSEADDR");
        assertThat(plain.get("trial").get("error").asText()).startsWith("EADDRINUSE");
        assertThat(plain.get("nextStep").asText()).contains("SO_REUSEADDR");
        JsonNode reuse = why(Integer.toString(port), "--addr", "127.0.0.1", "--reuse", "addr", "--try");
        assertThat(reuse.get("blockers").get(0).get("certain").asBoolean()).isFalse();
        assertThat(reuse.get("trial").get("succeeded").asBoolean()).isTrue();
        assertThat(reuse.get("verdict").asText()).isEqualTo("free");
    }

    @Test
    void aPrivilegedPortBlocksAnUnprivilegedUserOnly() throws Exception {
        int start = Integer.parseInt(new String(
                Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).readAllBytes()).strip());
        assumeTrue(start > 1, "every port is unprivileged here");
        String port = Integer.toString(start - 1);
        JsonNode nobody = why(port, "--as-user", "nobody");
        assertThat(kinds(nobody)).contains("privileged-port");
        assertThat(nobody.get("verdict").asText()).isEqualTo("blocked");
        assertThat(nobody.get("request").get("uid").asInt()).isEqualTo(65534);
        JsonNode root = why(port, "--as-user", "root");
        assertThat(kinds(root)).doesNotContain("privileged-port");
    }

    @Test
    void aPortInTheEphemeralRangeIsNotedAndAClientHoldingItIsNamed() throws Exception {
        String[] range = new String(Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).readAllBytes()).strip().split("\\s+");
        try (var sockets = new LoopbackSockets()) {
            var server = sockets.listen("127.0.0.1");
            SocketChannel[] pair = sockets.connectedPair(server);
            int clientPort = LoopbackSockets.port(pair[0]); // handed out from the ephemeral range
            JsonNode report = why(Integer.toString(clientPort), "--addr", "127.0.0.1");
            // the kernel hands the same ephemeral port to other programs' connections towards other
            // peers (their TIME_WAIT sockets show as blockers too): only this test's client is asserted
            List<JsonNode> clients = new ArrayList<>();
            report.get("blockers").forEach(b -> {
                if (b.get("kind").asText().equals("ephemeral-client") && pids(b).contains(SELF)) {
                    clients.add(b);
                }
            });
            assertThat(clients).as(report.toString()).hasSize(1);
            assertThat(pids(clients.getFirst())).containsExactly(SELF);
            assertThat(report.get("notes").toString()).contains("inside the ephemeral range " + range[0] + "-" + range[1]);
        }
        int below = Integer.parseInt(range[0]) - 1;
        JsonNode outside = why(Integer.toString(below), "--as-user", "root");
        assertThat(outside.get("notes").toString()).doesNotContain("ephemeral range");
    }

    @Test
    void aFreePortIsFree() throws Exception {
        int port = freePort();
        CliRun run = CliRun.run("why", Integer.toString(port), "--addr", "127.0.0.1", "--try");
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("Verdict: free.").contains("Tried: the kernel accepted the bind");
    }

    @Test
    void aHolderInAnotherNetworkNamespaceIsNamedButDoesNotBlock() throws Exception {
        String server = "import socket, time\ns = socket.socket(); s.bind(('0.0.0.0', 0)); s.listen()\n"
                + "print(s.getsockname()[1], flush=True); time.sleep(60)";
        ChildProcess child;
        try {
            child = ChildProcess.start(List.of("unshare", "--net", "python3", "-c", server));
        } catch (Exception e) {
            assumeTrue(false, "cannot create a network namespace here: " + e.getMessage());
            return;
        }
        try (child) {
            String port = child.firstLine().strip();
            assumeTrue(port.matches("\\d+"), "unshare failed: " + port);
            JsonNode report = why(port);
            assertThat(blockerPids(report)).doesNotContain(child.pid());
            JsonNode foreign = report.get("otherNamespaces").get(0);
            assertThat(foreign.get("socket").get("netns").asLong()).isPositive();
            assertThat(foreign.get("processes").get(0).get("pid").asLong()).isEqualTo(child.pid());
            assertThat(CliRun.run("why", port).out()).contains("In other network namespaces");
        }
    }

    @Test
    void badOptionsAreOneLineUsageErrors() {
        String[][] cases = {
            {"why", "8080", "--reuse", "everything"}, {"why", "8080", "--proto", "sctp"}, {"why", "8080", "--addr", "db1"}, {"why", "8080", "--addr", "127.1"},
            {"why", "8080", "--as-user", "no-such-user-here"}, {"why", "8080/udp", "--proto", "tcp"}, {"why", "8080", "--v6only", "maybe"},
        };
        for (String[] args : cases) {
            CliRun run = CliRun.run(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err().strip().lines().count()).as(run.err()).isLessThanOrEqualTo(2);
            assertThat(run.err()).doesNotContain("Exception");
        }
    }
}
