package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default rules about programs, users and connections, each triggered by a real listener on
 * loopback and kept quiet by a similar one. The rules about exposure are triggered in a network
 * namespace of their own (AuditExposureNamespaceTest).
 */
@Tag("live")
class AuditRulesLiveTest {

    private static final long PID = ProcessHandle.current().pid();
    private static final Path PYTHON = Path.of("/usr/bin/python3.11");

    @TempDir
    Path dir;

    /** Findings of one rule on one port, as "RULE pid,pid". */
    private static List<String> findings(JsonNode audit, String rule, int port) {
        List<String> found = new ArrayList<>();
        for (JsonNode f : audit.get("findings")) {
            if (f.get("ruleId").asText().equals(rule) && f.get("socket").path("port").asInt() == port) {
                found.add(rule + " " + StreamSupport.stream(f.get("processes").spliterator(), false)
                        .map(p -> p.get("pid").asText()).sorted().reduce((a, b) -> a + "," + b).orElse(""));
            }
        }
        return found;
    }

    private static JsonNode audit() {
        CliRun run = CliRun.run("audit", "--json");
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1, 2, 3);
        return run.json();
    }

    /** Binds each free port of {@code ports} on {@code address}; the ports bound. */
    private static Map<Integer, ServerSocketChannel> bindFree(String address, int... ports) throws IOException {
        Map<Integer, ServerSocketChannel> bound = new LinkedHashMap<>();
        for (int port : ports) {
            ServerSocketChannel server = ServerSocketChannel.open(java.net.StandardProtocolFamily.INET);
            try {
                server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
                bound.put(port, server);
            } catch (IOException taken) {
                server.close();
            }
        }
        return bound;
    }

    private static void closeAll(Map<Integer, ServerSocketChannel> bound) throws IOException {
        for (var s : bound.values()) {
            s.close();
        }
    }

    /** A Python listener whose process name is {@code name}: the kernel names a process after the link it was started by. */
    private ChildProcess python(String name, String script) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no " + PYTHON);
        Path link = dir.resolve(name);
        Files.createSymbolicLink(link, PYTHON);
        return ChildProcess.start(List.of(link.toString(), "-c", script));
    }

    private static final String LISTEN_ON_LOOPBACK = """
            import socket, sys, time
            port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(('127.0.0.1', port))
            s.listen()
            print(s.getsockname()[1], flush=True)
            time.sleep(60)
            """;

    @Test
    void sshdOnAnotherPortThanTwentyTwoIsFound() throws Exception {
        try (ChildProcess sshd = python("sshd", LISTEN_ON_LOOPBACK)) {
            int port = Integer.parseInt(sshd.firstLine().strip());
            assertThat(findings(audit(), "PS004", port)).containsExactly("PS004 " + sshd.pid());
        }
    }

    @Test
    void anotherProgramOnAnUnusualPortIsQuiet() throws Exception {
        try (ChildProcess other = python("webapp", LISTEN_ON_LOOPBACK)) {
            int port = Integer.parseInt(other.firstLine().strip());
            assertThat(findings(audit(), "PS004", port)).isEmpty();
        }
    }

    @Test
    void aProgramThatIsNoMailServerOnPortTwentyFiveIsFound() throws Exception {
        var bound = bindFree("127.0.0.1", 25);
        try {
            assumeTrue(!bound.isEmpty(), "25/tcp is taken");
            assertThat(findings(audit(), "PS004", 25)).containsExactly("PS004 " + PID);
        } finally {
            closeAll(bound);
        }
    }

    @Test
    void aMailServerOnPortTwentyFiveIsQuiet() throws Exception {
        var probe = bindFree("127.0.0.1", 25);
        assumeTrue(!probe.isEmpty(), "25/tcp is taken");
        closeAll(probe);
        try (ChildProcess exim = python("exim4", LISTEN_ON_LOOPBACK.replace("if len(sys.argv) > 1 else 0", "if True else 0")
                .replace("int(sys.argv[1])", "25"))) {
            assertThat(exim.firstLine().strip()).isEqualTo("25");
            JsonNode audit = audit();
            assertThat(findings(audit, "PS004", 25)).isEmpty();
        }
    }

    private static final String BIND_LOW_THEN_DROP_ROOT = """
            import os, socket, sys, time
            for port in range(1000, 900, -1):
                s = socket.socket()
                try:
                    s.bind(('127.0.0.1', port))
                    s.listen()
                    break
                except OSError:
                    s.close()
            else:
                print('none', flush=True)
                sys.exit(1)
            os.setgid(65534)
            os.setuid(65534)
            print(port, flush=True)
            time.sleep(60)
            """;

    @Test
    void aPrivilegedPortHeldByAnUnprivilegedUserIsFound() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "binding below 1024 needs root");
        try (ChildProcess daemon = python("lowport", BIND_LOW_THEN_DROP_ROOT)) {
            assumeTrue(!daemon.firstLine().strip().equals("none"), "ports 901-1000 are all taken");
            int port = Integer.parseInt(daemon.firstLine().strip());
            assertThat(findings(audit(), "PS005", port)).containsExactly("PS005 " + daemon.pid());
        }
    }

    @Test
    void aPrivilegedPortHeldByRootIsQuiet() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "binding below 1024 needs root");
        int[] candidates = java.util.stream.IntStream.rangeClosed(901, 1000).toArray();
        ServerSocketChannel server = null;
        for (int port : candidates) {
            var one = bindFree("127.0.0.1", port);
            if (!one.isEmpty()) {
                server = one.get(port);
                break;
            }
        }
        assumeTrue(server != null, "ports 901-1000 are all taken");
        try (ServerSocketChannel held = server) {
            int port = LoopbackSockets.port(held);
            assertThat(findings(audit(), "PS005", port)).isEmpty();
        }
    }

    private static List<JsonNode> closeWaitFindings(JsonNode audit) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode f : audit.get("findings")) {
            if (f.get("ruleId").asText().equals("PS006") && f.get("processes").path(0).path("pid").asLong() == PID) {
                found.add(f);
            }
        }
        return found;
    }

    @Test
    void manyConnectionsInCloseWaitAreFound() throws Exception {
        try (LoopbackSockets sockets = new LoopbackSockets()) {
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            for (int i = 0; i < 10; i++) { // the default threshold, which is a pile-up already
                sockets.closeWaitPair(server);
            }
            assertThat(LoopbackSockets.eventually(java.time.Duration.ofSeconds(5),
                    () -> closeWaitFindings(audit()).size() == 1)).isTrue();
            assertThat(closeWaitFindings(audit()).getFirst().get("message").asText())
                    .startsWith("pid " + PID + " (").contains("has 10 connections in CLOSE_WAIT (threshold 10)");
        }
    }

    @Test
    void aFewConnectionsInCloseWaitAreQuiet() throws Exception {
        try (LoopbackSockets sockets = new LoopbackSockets()) {
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            for (int i = 0; i < 5; i++) {
                sockets.closeWaitPair(server);
            }
            assertThat(closeWaitFindings(audit())).isEmpty();
        }
    }
}
