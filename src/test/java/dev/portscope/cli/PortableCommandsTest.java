package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import dev.portscope.testing.PortableRuns;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands on the portable platform, as Windows and macOS run them, with this test's own
 * loopback sockets: what the platform cannot fill shows as unknown, what cannot work says so in
 * one line with exit 2.
 */
@Tag("live")
class PortableCommandsTest {

    private static final long PID = ProcessHandle.current().pid();

    private static JsonNode own(JsonNode listing, int port) {
        for (JsonNode s : listing.get("sockets")) {
            if (s.get("local").get("port").asInt() == port && s.get("local").get("address").asText().equals("127.0.0.1")) {
                return s;
            }
        }
        throw new AssertionError("port " + port + " not listed: " + listing);
    }

    @Test
    void aListenerShowsWhatThePlatformFillsAndUnknownForTheRest() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            CliRun json = PortableRuns.run("listen", "-t", "--json");
            assertThat(json.json().get("backend").asText()).isEqualTo("portable");
            JsonNode socket = own(json.json(), port);
            assertThat(socket.get("uid").isNull()).as("socket uid: not reported, never 0").isTrue();
            assertThat(socket.get("inode").isNull()).isTrue();
            assertThat(socket.get("sendQueue").isNull()).as("a listener's backlog: unknown").isTrue();
            assertThat(socket.get("receiveQueue").asLong()).isZero();
            assertThat(socket.get("processes").get(0).get("pid").asLong()).isEqualTo(PID);

            CliRun table = PortableRuns.run("listen", "-t", "-n");
            assertThat(table.out().lines().filter(l -> l.matches("tcp +127\\.0\\.0\\.1 +" + port + " .*"))).singleElement()
                    .satisfies(l -> assertThat(l).contains(Long.toString(PID)).contains("java").endsWith(" -"));
        }
    }

    @Test
    void connectionsAndWhoNameTheirProcess() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            sockets.connectedPair(server);
            CliRun conns = PortableRuns.run("conns", "sport", "=", ":" + port);
            assertThat(conns.out()).contains("ESTAB").contains("127.0.0.1:" + port).contains(Long.toString(PID));
            CliRun who = PortableRuns.run("who", Integer.toString(port));
            assertThat(who.exitCode()).isZero();
            assertThat(who.out()).contains("Listening:").contains("(pid " + PID).contains("Accepted connections");
        }
    }

    @Test
    void whyTriesTheBindWithJavaSocketsAndSaysWhatItCannotCheck() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            CliRun why = PortableRuns.run("why", "127.0.0.1:" + port, "--try");
            assertThat(why.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(why.out()).contains("EADDRINUSE").contains("(pid " + PID + ")")
                    .contains("not checked here").contains("bound to the port but not listening");
        }
    }

    @Test
    void killRefusesToStopPortscopeItself() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            CliRun kill = PortableRuns.run("kill", Integer.toString(port), "--dry-run");
            assertThat(kill.out()).contains("pid " + PID).contains("portscope itself");
            assertThat(ProcessHandle.current().isAlive()).isTrue();
        }
    }

    @Test
    void whatCannotWorkSaysSoInOneLineWithExitTwo(@TempDir Path dir) {
        CliRun record = PortableRuns.run("record", dir.resolve("r.bin").toString());
        assertThat(record.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(record.err().strip()).doesNotContain("\n").contains("netlink");
        CliRun info = PortableRuns.run("listen", "--info");
        assertThat(info.exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun close = PortableRuns.run("close", "sport", "=", ":1", "--yes");
        assertThat(close.exitCode()).isNotZero();
    }

    @Test
    void healthJudgesTheSocketsAndSaysTheCountersAreLinuxOnly() {
        CliRun health = PortableRuns.run("health");
        assertThat(health.out()).contains("TCP sockets:");
        assertThat(health.err()).contains("read on Linux only");
        assertThat(health.exitCode()).isIn(ExitCodes.OK, ExitCodes.WARNING, ExitCodes.CRITICAL, ExitCodes.UNKNOWN);
    }

    @Test
    void checkProbeAndEventsRunOnThePortablePlatform() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            CliRun check = PortableRuns.run("check", "127.0.0.1:" + port);
            assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
            CliRun events = PortableRuns.run("events", "--duration", "1.5s", "--interval", "0.5s", "sport", "=", ":" + port);
            assertThat(events.exitCode()).as(events.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
            assertThat(events.err()).contains("connections shorter than one refresh are missed");
        }
    }

    @Test
    void backendsListsTheCapabilityTable() {
        CliRun text = PortableRuns.run("backends");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("(auto: portable)").contains("socket uid").contains("OSHI reports no socket's owner uid");
        JsonNode json = PortableRuns.run("backends", "--json").json();
        assertThat(json.get("format").asText()).isEqualTo("portscope-backends");
        JsonNode portable = json.get("backends").get(0);
        assertThat(portable.get("name").asText()).isEqualTo("portable");
        assertThat(portable.get("fields").get("socketUid").get("filled").asBoolean()).isFalse();
        assertThat(portable.get("fields").get("commandLine").get("filled").asBoolean()).isTrue();
    }
}
