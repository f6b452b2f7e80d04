package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.testing.AsNobody;
import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -A} and {@code --namespace} on namespaces this test makes: one named by {@code ip netns add},
 * one unnamed ({@code unshare --net}), each with a process holding a TCP listener, a UDP socket and
 * an established pair on loopback; and a named one nothing runs in. Each must be listed with its
 * namespace, port and pid, exactly as {@code ss} sees it from inside; a plain listing shows none of
 * them. Only the test's own namespaces are compared.
 */
@Tag("live")
@Timeout(120)
class AllNamespacesLiveTest {

    /** Holds the sockets, prints their ports as one JSON line, then waits for its stdin to close (at most 300 s). */
    private static final String HOLDER = String.join("\n",
            "import json, select, socket, subprocess, sys",
            "subprocess.run(['ip', 'link', 'set', 'lo', 'up'], check=True)",
            "t = socket.socket(); t.bind(('127.0.0.1', 0)); t.listen(8)",
            "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 0))",
            "c = socket.create_connection(t.getsockname()); a, _ = t.accept()",
            "print(json.dumps({'tcp': t.getsockname()[1], 'udp': u.getsockname()[1], 'client': c.getsockname()[1]}), flush=True)",
            "select.select([sys.stdin], [], [], 300)");

    private static final String NAMED = "pstest-" + ProcessHandle.current().pid() + "-a";
    private static final String EMPTY = "pstest-" + ProcessHandle.current().pid() + "-e";

    /** One namespace of the test: its holder, its inode, the ports it holds. */
    private record Held(ChildProcess holder, long inode, int tcp, int udp, int client) {}

    private static Held named;
    private static Held unnamed;

    @BeforeAll
    static void makeNamespaces() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "making network namespaces needs root");
        assumeTrue(run("ip", "netns", "add", NAMED) == 0, "ip netns add failed");
        assumeTrue(run("ip", "netns", "add", EMPTY) == 0, "ip netns add failed");
        named = hold(List.of("ip", "netns", "exec", NAMED, "python3", "-c", HOLDER));
        unnamed = hold(List.of("unshare", "--net", "python3", "-c", HOLDER));
    }

    @AfterAll
    static void removeNamespaces() throws Exception {
        try {
            for (Held held : new Held[] {named, unnamed}) {
                if (held != null) {
                    held.holder().close();
                }
            }
        } finally {
            run("ip", "netns", "del", NAMED);
            run("ip", "netns", "del", EMPTY);
        }
    }

    @Test
    void everyNamespaceIsListedWithItsNamespacePortAndPid() {
        CliRun listed = CliRun.run("all", "-A", "--json");
        JsonNode sockets = listed.json().get("sockets");
        for (Held held : new Held[] {named, unnamed}) {
            assertThat(pidOf(find(sockets, "tcp", "LISTEN", held.tcp(), held.inode()))).as("tcp listener").isEqualTo(held.holder().pid());
            assertThat(pidOf(find(sockets, "udp", "CLOSE", held.udp(), held.inode()))).as("udp socket").isEqualTo(held.holder().pid());
            assertThat(pidOf(find(sockets, "tcp", "ESTABLISHED", held.client(), held.inode()))).as("client end")
                    .isEqualTo(held.holder().pid());
            JsonNode server = find(sockets, "tcp", "ESTABLISHED", held.tcp(), held.inode());
            assertThat(server.get("remote").get("port").asInt()).isEqualTo(held.client());
            assertThat(server.get("namespace").get("inode").asLong()).isEqualTo(held.inode());
            assertThat(server.get("namespace").get("host").asBoolean()).isFalse();
            assertThat(pidOf(server)).isEqualTo(held.holder().pid());
        }
        assertThat(find(sockets, "tcp", "LISTEN", named.tcp(), named.inode()).get("namespace").get("name").asText()).isEqualTo(NAMED);
        assertThat(find(sockets, "tcp", "LISTEN", unnamed.tcp(), unnamed.inode()).get("namespace").get("name").isNull()).isTrue();
    }

    @Test
    void aPlainListingShowsOnlyThisNamespace() {
        CliRun plain = CliRun.run("all", "--json");
        for (JsonNode s : plain.json().get("sockets")) {
            assertThat(s.get("netns").asLong()).isNotIn(named.inode(), unnamed.inode());
            assertThat(s.has("namespace")).as("no namespace fields in a listing of one").isFalse();
        }
        assertThat(CliRun.run("all").out()).doesNotContain("NAMESPACE");
    }

    @Test
    void theTableNamesEachNamespace() {
        String table = CliRun.run("listen", "-A", "-n").out();
        assertThat(table.lines().findFirst().orElseThrow()).matches("NAMESPACE +CONTAINER +PROTO .*");
        assertThat(table.lines().filter(l -> l.startsWith(NAMED + " ") && l.contains(" " + named.tcp() + " ")))
                .singleElement().asString().contains(Long.toString(named.holder().pid()));
        assertThat(table.lines().filter(l -> l.startsWith(unnamed.inode() + " ") && l.contains(" " + unnamed.udp() + " ")))
                .singleElement().asString().contains(Long.toString(unnamed.holder().pid()));
    }

    @Test
    void eachNamespaceAsSsSeesItFromInside() throws Exception {
        assertThat(listedIn("--namespace", NAMED)).isEqualTo(ss("ip", "netns", "exec", NAMED, "ss", "-tuanH"));
        assertThat(listedIn("--namespace", Long.toString(unnamed.inode())))
                .isEqualTo(ss("nsenter", "-t", Long.toString(unnamed.holder().pid()), "-n", "ss", "-tuanH"));
        assertThat(listedIn("--namespace", NAMED)).hasSize(4);
    }

    @Test
    void aNamedNamespaceWithoutProcessesIsFound() {
        CliRun empty = CliRun.run("all", "--namespace", EMPTY, "--json");
        assertThat(empty.err()).doesNotContain("no network namespace");
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.json().get("sockets")).isEmpty();
        CliRun unknown = CliRun.run("all", "--namespace", "pstest-no-such-namespace");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("no network namespace is named 'pstest-no-such-namespace'").contains(NAMED);
    }

    @Test
    void whoAndWhySayWhereThePortIsHeld() {
        CliRun who = CliRun.run("who", Integer.toString(named.tcp()), "-A");
        assertThat(who.out()).contains("LISTEN").contains("namespace " + NAMED);
        CliRun why = CliRun.run("why", Integer.toString(named.tcp()), "--addr", "127.0.0.1", "-A");
        assertThat(why.out()).contains("In other network namespaces (they do not block a bind here):")
                .contains("in network namespace " + NAMED + " (" + named.inode() + ")");
    }

    @Test
    void withoutPrivilegesTheNamespacesThatCannotBeEnteredAreNamedOnce(@TempDir Path dir) throws Exception {
        AsNobody.assumePossible();
        Process process = AsNobody.portscope(dir, "all", "-A", "--json");
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isEqualTo(ExitCodes.PARTIAL);
        List<String> refusals = err.lines().filter(l -> l.contains("could not read") && l.contains("network namespaces")).toList();
        assertThat(refusals).singleElement().asString().contains(NAMED).contains(EMPTY).contains("setns");
        JsonNode out = new ObjectMapper().readTree(Files.readString(dir.resolve("out.json")));
        assertThat(out.get("sockets")).isNotNull();
    }

    /**
     * A namespace whose process runs in a cgroup shaped like Docker's ({@code docker-ID.scope}, as under
     * systemd's {@code system.slice}, made at the top of the cgroup v2 hierarchy) is named after that container, and {@code --namespace} takes its id.
     */
    @Test
    void aNamespaceIsNamedAfterTheContainerItsProcessRunsIn() throws Exception {
        Path unified = cgroup2Mount();
        assumeTrue(unified != null, "no cgroup v2 hierarchy mounted");
        String id = "d0c4e7" + Long.toHexString(ProcessHandle.current().pid()) + "0".repeat(58 - Long.toHexString(ProcessHandle.current().pid()).length());
        Path scope = unified.resolve("docker-" + id + ".scope");
        Held boxed = hold(List.of("unshare", "--net", "python3", "-c", HOLDER));
        try {
            try {
                Files.createDirectory(scope);
                Files.writeString(scope.resolve("cgroup.procs"), Long.toString(boxed.holder().pid()));
            } catch (java.io.IOException e) { // a container's read-only or delegated hierarchy
                assumeTrue(false, "cannot place a process in a cgroup here: " + e);
            }
            String table = CliRun.run("listen", "-A", "-n").out();
            assertThat(table.lines().filter(l -> l.startsWith(boxed.inode() + " ") && l.contains(" " + boxed.tcp() + " ")))
                    .singleElement().asString().contains(" " + id.substring(0, 12) + " ");
            JsonNode chosen = CliRun.run("listen", "--namespace", id.substring(0, 10), "--json").json().get("sockets");
            assertThat(chosen).isNotEmpty().allSatisfy(s -> assertThat(s.get("netns").asLong()).isEqualTo(boxed.inode()));
        } finally {
            boxed.holder().close();
            for (int i = 0; i < 50 && Files.exists(scope); i++) { // the cgroup can go once its process has
                try {
                    Files.delete(scope);
                } catch (java.io.IOException busy) {
                    Thread.sleep(100);
                }
            }
        }
    }

    private static Path cgroup2Mount() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (dash > 0 && f[dash + 1].equals("cgroup2") && Files.isWritable(Path.of(f[4]))) {
                return Path.of(f[4]);
            }
        }
        return null;
    }

    /** The sockets portscope lists, as {@code proto local-port remote-port} lines, comparable with {@link #ss}. */
    private static Set<String> listedIn(String... selector) {
        List<String> args = new ArrayList<>(List.of("all", "--json", "--no-process"));
        args.addAll(List.of(selector));
        Set<String> found = new TreeSet<>();
        for (JsonNode s : CliRun.run(args.toArray(String[]::new)).json().get("sockets")) {
            found.add(s.get("protocol").asText() + " " + s.get("local").get("port").asInt() + " " + s.get("remote").get("port").asInt());
        }
        return found;
    }

    /** {@code ss -tuanH} run inside a namespace, as {@code proto local-port remote-port} lines ({@code *} is 0). */
    private static Set<String> ss(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        Set<String> found = new TreeSet<>();
        for (String line : out.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            found.add(f[0] + " " + port(f[4]) + " " + port(f[5]));
        }
        return found;
    }

    private static int port(String endpoint) {
        String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
        return port.equals("*") ? 0 : Integer.parseInt(port);
    }

    private static long pidOf(JsonNode socket) {
        return socket.get("processes").get(0).get("pid").asLong();
    }

    private static JsonNode find(JsonNode sockets, String protocol, String state, int port, long inode) {
        for (JsonNode s : sockets) {
            if (s.get("protocol").asText().equals(protocol) && s.get("state").asText().equals(state)
                    && s.get("local").get("port").asInt() == port && s.get("netns").asLong() == inode) {
                return s;
            }
        }
        throw new AssertionError(protocol + " " + state + " port " + port + " in namespace " + inode + " not listed in " + sockets);
    }

    private static Held hold(List<String> command) throws Exception {
        ChildProcess holder = ChildProcess.start(command);
        JsonNode ports = new ObjectMapper().readTree(holder.firstLine());
        String link = Files.readSymbolicLink(Path.of("/proc", Long.toString(holder.pid()), "ns/net")).toString();
        long inode = Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
        return new Held(holder, inode, ports.get("tcp").asInt(), ports.get("udp").asInt(), ports.get("client").asInt());
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
