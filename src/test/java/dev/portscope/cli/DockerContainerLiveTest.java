package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.platform.Platforms;
import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.FakeDockerDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process placed in a cgroup shaped as Docker's systemd driver makes it
 * ({@code system.slice/docker-<64 hex>.scope} on the cgroup v2 hierarchy), with the container's
 * {@code config.v2.json} under a state root the test makes: {@code who} names the container.
 */
@Tag("live")
class DockerContainerLiveTest {

    @Test
    void whoNamesTheDockerContainerOfAListener(@TempDir Path state) throws Exception {
        Path unified = unifiedHierarchy();
        Assumptions.assumeTrue(unified != null, "no cgroup v2 hierarchy at /sys/fs/cgroup or /sys/fs/cgroup/unified");
        byte[] random = new byte[32];
        ThreadLocalRandom.current().nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        Path slice = unified.resolve("system.slice");
        boolean madeSlice = !Files.isDirectory(slice);
        Path scope = slice.resolve("docker-" + id + ".scope");
        try {
            Files.createDirectories(scope);
        } catch (IOException e) {
            Assumptions.abort("the cgroup hierarchy " + unified + " is not writable here: " + e.getMessage());
        }
        Path config = Files.createDirectories(state.resolve("var/lib/docker/containers/" + id)).resolve("config.v2.json");
        Files.writeString(config, "{\"ID\":\"" + id + "\",\"Name\":\"/portscope-test-web\",\"Config\":{\"Image\":\"nginx:1.27\"}}");
        try (ChildProcess listener = ChildProcess.start(List.of("python3", "-c", """
                import socket, sys
                s = socket.socket()
                s.bind(('127.0.0.1', 0))
                s.listen()
                print(s.getsockname()[1], flush=True)
                sys.stdin.readline()
                """))) {
            Files.writeString(scope.resolve("cgroup.procs"), Long.toString(listener.pid()));
            assertThat(Files.readString(Path.of("/proc/" + listener.pid() + "/cgroup"))).contains("/system.slice/docker-" + id + ".scope");
            String port = listener.firstLine().strip();
            CliEnvironment env = new CliEnvironment(Map.of(), false, 0, Platforms.select(Path.of("/proc"), Path.of("/etc"), state), Clock.systemUTC());

            CliRun json = CliRun.run(env, "who", "--json", port);
            assertThat(json.exitCode()).as(json.err()).isZero();
            JsonNode holder = json.json().get("holdings").get(0).get("processes").get(0);
            assertThat(holder.get("pid").asLong()).isEqualTo(listener.pid());
            assertThat(holder.get("containerRuntime").asText()).isEqualTo("docker");
            assertThat(holder.get("containerId").asText()).isEqualTo(id);
            assertThat(holder.get("containerName").asText()).isEqualTo("portscope-test-web");

            CliRun text = CliRun.run(env, "who", port);
            assertThat(text.out()).contains("container: portscope-test-web (docker)");

            // Without the runtime's state, the container is known by its short id, as docker ps shows it.
            CliEnvironment bare = new CliEnvironment(Map.of(), false, 0, Platforms.select(Path.of("/proc"), Path.of("/etc"), state.resolve("empty")), Clock.systemUTC());
            assertThat(CliRun.run(bare, "who", port).out()).contains("container: " + id.substring(0, 12) + " (docker)");

            // Asked for, the daemon names it: Docker's API on the state root's var/run/docker.sock.
            Path daemonRoot = Files.createDirectories(state.resolve("daemon"));
            try (FakeDockerDaemon daemon = FakeDockerDaemon.answering(daemonRoot.resolve("var/run/docker.sock"), Map.of(id, "from-the-daemon"))) {
                CliEnvironment asking = new CliEnvironment(Map.of(), false, 0, Platforms.select(Path.of("/proc"), Path.of("/etc"), daemonRoot), Clock.systemUTC());
                assertThat(CliRun.run(asking, "who", port).out()).as("not asked unless asked").doesNotContain("from-the-daemon");
                assertThat(CliRun.run(asking, "who", "--ask-runtime", port).out()).contains("container: from-the-daemon (docker)");
                assertThat(daemon.requests()).containsExactly("GET /containers/" + id + "/json HTTP/1.0");
            }
        } finally {
            removeWhenEmpty(scope);
            if (madeSlice) {
                removeWhenEmpty(slice);
            }
            assertThat(scope).as("the test's cgroup is removed").doesNotExist();
        }
    }

    /** The cgroup v2 hierarchy: all of /sys/fs/cgroup on a unified host, its unified/ on a hybrid one. */
    private static Path unifiedHierarchy() {
        for (Path candidate : List.of(Path.of("/sys/fs/cgroup"), Path.of("/sys/fs/cgroup/unified"))) {
            if (Files.exists(candidate.resolve("cgroup.controllers"))) {
                return candidate;
            }
        }
        return null;
    }

    /** A cgroup is removed once its processes have gone: the killed child may take a moment to leave it (at most 15 s). */
    private static void removeWhenEmpty(Path cgroup) throws Exception {
        for (int attempt = 0; attempt < 150 && Files.exists(cgroup); attempt++) {
            try {
                Files.delete(cgroup);
            } catch (IOException busy) {
                Thread.sleep(100);
            }
        }
    }
}
