package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("live")
class DiffCommandTest {

    /** Runs portscope on this machine's platform; {@code PortableDiffCommandTest} runs the same tests on the portable one. */
    CliRun run(String... args) {
        return CliRun.run(args);
    }

    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void listenersThatAppearedAndDisappearedAreShown() throws Exception {
        Path file = dir.resolve("base.json");
        try (LoopbackSockets sockets = new LoopbackSockets()) {
            ServerSocketChannel gone = sockets.listen("127.0.0.1");
            int gonePort = LoopbackSockets.port(gone);
            CliRun save = run("snapshot", "save", file.toString());
            assertThat(save.exitCode()).isEqualTo(save.partial() ? ExitCodes.PARTIAL : ExitCodes.OK);
            gone.close();
            int newPort = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            CliRun diff = run("diff", file.toString());
            assertThat(diff.exitCode()).as(diff.err()).isEqualTo(diff.partial() ? ExitCodes.PARTIAL : ExitCodes.NOT_FOUND);
            assertThat(diff.out()).contains("+ " + newPort + "/tcp appeared: loopback (127.0.0.1), java as root (pid " + PID + ")")
                    .contains("- " + gonePort + "/tcp disappeared: was loopback (127.0.0.1), java as root (pid " + PID + ")");

            CliRun audit = run("audit", "--baseline", file.toString(), "--json");
            boolean named = false;
            for (JsonNode f : audit.json().get("findings")) {
                named |= f.get("ruleId").asText().equals("PS103") && f.get("socket").get("port").asInt() == newPort
                        && f.get("processes").get(0).get("pid").asLong() == PID;
            }
            assertThat(named).as(audit.out()).isTrue();
            assertThat(audit.exitCode()).isIn(ExitCodes.WARNING, ExitCodes.CRITICAL, audit.partial() ? ExitCodes.UNKNOWN : ExitCodes.WARNING);
        }
    }

    @Test
    void anOldBaselineWithIpv6SpelledInFullIsReadAndWrittenAsRfc5952() throws Exception {
        try (LoopbackSockets sockets = new LoopbackSockets()) {
            int kept = LoopbackSockets.port(sockets.listen("::1"));
            int gone = sockets.closedPort("127.0.0.1"); // held without listening: no other program can take it
            Path file = dir.resolve("old.json");
            Files.writeString(file, """
                    {"format": "portscope-baseline", "version": 1, "host": "h", "time": "2026-01-02T03:04:05Z", "listeners": [
                      {"protocol": "tcp", "port": %d, "exposure": "loopback", "addresses": ["0:0:0:0:0:0:0:1"],
                       "processes": ["java"], "users": ["root"], "pids": [1]},
                      {"protocol": "tcp", "port": %d, "exposure": "loopback", "addresses": ["0:0:0:0:0:0:0:1"],
                       "processes": ["redis-server"], "users": ["redis"], "pids": [12]}]}
                    """.formatted(kept, gone));
            CliRun diff = run("diff", file.toString());
            assertThat(diff.out()).contains("- " + gone + "/tcp disappeared: was loopback (::1), redis-server as redis (pid 12)")
                    .doesNotContain(" " + kept + "/tcp").doesNotContain("0:0:0:0");
        }
    }

    @Test
    void aBaselineFromANewerVersionIsRefused() throws Exception {
        Path file = dir.resolve("future.json");
        Files.writeString(file, "{\"format\":\"portscope-baseline\",\"version\":7,\"host\":\"h\",\"time\":\"2030-01-01T00:00:00Z\",\"listeners\":[]}");
        String expected = "portscope: " + file + ": baseline format version 7 is newer than this portscope reads (1); "
                + "upgrade portscope or save the baseline again" + System.lineSeparator();
        CliRun diff = run("diff", file.toString());
        assertThat(diff.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(diff.err()).isEqualTo(expected);
        CliRun audit = run("audit", "--baseline", file.toString());
        assertThat(audit.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(audit.err()).isEqualTo(expected);
    }

    /** Regression: the same protocol and port twice crashed diff (exit 70) while audit --baseline said OK. */
    @Test
    void diffAndAuditAgreeThatAListenerTwiceIsADamagedBaseline() throws Exception {
        Path file = dir.resolve("twice.json");
        Files.writeString(file, """
                {"format": "portscope-baseline", "version": 1, "host": "h", "time": "2026-01-01T00:00:00Z", "listeners": [
                  {"protocol": "tcp", "port": 22, "exposure": "loopback"},
                  {"protocol": "tcp", "port": 22, "exposure": "all-interfaces"}]}
                """);
        String expected = "portscope: " + file + ":3:3: expected each protocol and port once, found 22/tcp again (first at line 2)"
                + System.lineSeparator();
        CliRun diff = run("diff", file.toString());
        assertThat(diff.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(diff.err()).isEqualTo(expected);
        CliRun audit = run("audit", "--baseline", file.toString());
        assertThat(audit.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(audit.err()).isEqualTo(expected);
    }

    @Test
    void somethingElseThanABaselineIsRefused() throws Exception {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"format\":\"portscope-summary\",\"version\":1}");
        CliRun diff = run("diff", file.toString());
        assertThat(diff.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(diff.err().strip()).isEqualTo("portscope: " + file + ": not a portscope baseline (expected \"format\": \"portscope-baseline\")");
    }

    @Test
    void jsonNamesEachChangeWithTheListenerBeforeAndNow() throws Exception {
        try (LoopbackSockets sockets = new LoopbackSockets()) {
            int moved = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            int fresh = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            int gone = sockets.closedPort("127.0.0.1"); // held, not listening: nothing can listen there meanwhile
            Path file = dir.resolve("hand-written.json");
            Files.writeString(file, """
                    {"format": "portscope-baseline", "version": 1, "host": "web1", "time": "2026-01-02T03:04:05Z", "listeners": [
                      {"protocol": "tcp", "port": %d, "exposure": "all-interfaces", "addresses": ["0.0.0.0"],
                       "processes": ["nginx"], "users": ["www-data"], "pids": [11]},
                      {"protocol": "tcp", "port": %d, "exposure": "loopback", "addresses": ["127.0.0.1"],
                       "processes": ["redis-server"], "users": ["redis"], "pids": [12]}]}
                    """.formatted(moved, gone));
            CliRun run = run("diff", file.toString(), "--json");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(run.partial() ? ExitCodes.PARTIAL : ExitCodes.NOT_FOUND);
            JsonNode diff = run.json();
            assertThat(diff.get("format").asText()).isEqualTo("portscope-diff");
            assertThat(diff.get("version").asInt()).isEqualTo(1);
            assertThat(diff.get("baseline").get("host").asText()).isEqualTo("web1");
            assertThat(diff.get("baseline").get("time").asText()).isEqualTo("2026-01-02T03:04:05Z");
            assertThat(diff.get("changed").asBoolean()).isTrue();
            java.util.List<String> ours = new java.util.ArrayList<>();
            for (JsonNode c : diff.get("changes")) {
                int port = c.get("port").asInt();
                if (port != moved && port != fresh && port != gone) {
                    continue; // the machine's other listeners are not in the hand-written baseline
                }
                assertThat(c.get("protocol").asText()).isEqualTo("tcp");
                ours.add(port + " " + c.get("change").asText()
                        + " before=" + (c.get("before").isNull() ? "null" : c.get("before").get("processes") + c.get("before").get("exposure").asText())
                        + " now=" + (c.get("now").isNull() ? "null" : c.get("now").get("processes") + c.get("now").get("exposure").asText()
                                + c.get("now").get("pids")));
            }
            String now = " now=[\"java\"]loopback[" + PID + "]";
            assertThat(ours).containsExactlyInAnyOrder(
                    moved + " owner-changed before=[\"nginx\"]all-interfaces" + now,
                    moved + " exposure-changed before=[\"nginx\"]all-interfaces" + now,
                    fresh + " appeared before=null" + now,
                    gone + " disappeared before=[\"redis-server\"]loopback now=null");
        }
    }
}
