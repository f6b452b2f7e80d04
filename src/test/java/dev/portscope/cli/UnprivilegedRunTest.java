package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.testing.AsNobody;
import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.LoopbackSockets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * portscope run as an unprivileged user (nobody, through setpriv) sees every socket but not the
 * owners of other users' sockets: a partial answer, said on stderr, exit 3, never a crash.
 */
@Tag("live")
@Timeout(120)
class UnprivilegedRunTest {

    /** Runs portscope as nobody; its JSON lands in {@code dir/out.json}. Returns the process, finished. */
    private static Process runAsNobody(Path dir, String... args) throws Exception {
        return AsNobody.portscope(dir, args);
    }

    @Test
    void ownersOfOtherUsersAreHiddenAndSaidSo(@TempDir Path dir) throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            Process run = runAsNobody(dir, "listen", "-t", "--json");
            String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            JsonNode listing = new ObjectMapper().readTree(dir.resolve("out.json").toFile());

            assertThat(run.exitValue()).as(err).isEqualTo(ExitCodes.PARTIAL);
            assertThat(err).contains("portscope: warning: owners of").contains("sockets hidden").doesNotContain("Exception");
            assertThat(listing.get("partial").asBoolean()).isTrue();
            JsonNode mine = null;
            for (JsonNode s : listing.get("sockets")) {
                if (s.get("local").get("port").asInt() == port && s.get("local").get("address").asText().equals("127.0.0.1")) {
                    mine = s;
                }
            }
            assertThat(mine).as("this JVM's listener is listed").isNotNull();
            assertThat(mine.get("processes")).isEmpty();
            assertThat(mine.get("user").asText()).isEqualTo("root");
        }
    }

    @Test
    void whyTellsAnUnprivilegedUserThatAPrivilegedPortNeedsACapability(@TempDir Path dir) throws Exception {
        int start = Integer.parseInt(new String(
                Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).readAllBytes()).strip());
        assumeTrue(start > 1, "every port is unprivileged here");
        Process run = runAsNobody(dir, "why", Integer.toString(start - 1), "--addr", "127.0.0.1", "--try", "--json");
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out.json").toFile());
        assertThat(run.exitValue()).as(err).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(report.get("request").get("user").asText()).isEqualTo("nobody");
        assertThat(report.get("blockers").findValuesAsText("kind")).contains("privileged-port");
        assertThat(report.get("trial").get("errno").asInt()).isEqualTo(13);
        assertThat(report.get("verdict").asText()).isEqualTo("blocked");
    }

    /**
     * A root python3 listens and forks a child that becomes nobody and keeps the socket (dumpable
     * again, so nobody may read its descriptors). Run as nobody, kill sees and stops only the child:
     * it must say that other holders may be hidden and exit 3, not present the plan as complete.
     */
    @Test
    void killAsAnUnprivilegedUserSaysOtherHoldersMayBeHidden(@TempDir Path dir) throws Exception {
        String script = String.join("\n",
                "import ctypes, os, socket, time",
                "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                "child = os.fork()",
                "if child == 0:",
                "    os.setgroups([]); os.setgid(65534); os.setuid(65534)",
                "    ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE, cleared by setuid",
                "    time.sleep(60)",
                "    os._exit(0)",
                "print(s.getsockname()[1], child, flush=True)",
                "time.sleep(60)");
        try (var holders = ChildProcess.start(List.of("python3", "-c", script))) {
            String[] portAndChild = holders.firstLine().strip().split(" ");
            String port = portAndChild[0];

            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path dryDir = Files.createDirectory(dir.resolve("dry-run"));
            Path killDir = Files.createDirectory(dir.resolve("kill"));
            Process dryRun = runAsNobody(dryDir, "kill", port, "--dry-run");
            String dryErr = new String(dryRun.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(dryRun.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String dryOut = Files.readString(dryDir.resolve("out.json"));
            assertThat(dryRun.exitValue()).as(dryOut + dryErr).isEqualTo(ExitCodes.PARTIAL);
            assertThat(dryErr).contains("portscope: warning: other holders of these sockets may be hidden: the descriptors of ")
                    .doesNotContain("Exception");
            assertThat(dryOut).contains("pid " + portAndChild[1] + " python3 (user nobody)")
                    .doesNotContain("pid " + holders.pid() + " ")
                    .contains("Other processes may hold port " + port + " too, unseen: stopping these may leave it held"
                            + " (some processes could not be read: see the warning on standard error).")
                    .contains("Dry run: nothing was stopped.");

            Process kill = runAsNobody(killDir, "kill", port, "--yes", "--timeout", "2");
            String killErr = new String(kill.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(kill.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String killOut = Files.readString(killDir.resolve("out.json"));
            assertThat(kill.exitValue()).as(killOut + killErr).isEqualTo(ExitCodes.PARTIAL);
            assertThat(killOut).contains("pid " + portAndChild[1] + " (python3): stopped (SIGTERM)")
                    .contains("Port " + port + " is still held, perhaps by processes hidden from you.");
            assertThat(holders.pid()).matches(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    /** health is a monitoring check: an inspection that missed owners is unknown (3), unless it found something critical. */
    @Test
    void healthThatCannotSeeEveryOwnerIsUnknownNotOk(@TempDir Path dir) throws Exception {
        try (var sockets = new LoopbackSockets()) {
            sockets.listen("127.0.0.1");
            Process run = runAsNobody(dir, "health", "--json");
            String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            JsonNode report = new ObjectMapper().readTree(dir.resolve("out.json").toFile());
            assertThat(report.get("partial").asBoolean()).as(err).isTrue();
            boolean critical = report.get("worst").asText().equals("critical");
            assertThat(run.exitValue()).as(err).isEqualTo(critical ? ExitCodes.CRITICAL : ExitCodes.UNKNOWN);
        }
    }
}
