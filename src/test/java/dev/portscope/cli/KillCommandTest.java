package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code portscope kill} on real child processes that listen on loopback. */
@Tag("live")
@Timeout(30)
class KillCommandTest {

    private static String listener(boolean ignoreTerm) {
        return String.join("\n",
                "import signal, socket, sys",
                ignoreTerm ? "signal.signal(signal.SIGTERM, signal.SIG_IGN)" : "",
                "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                "print(s.getsockname()[1], flush=True)",
                "for line in sys.stdin:", // echoes each line: an answer shows it is still running (ChildProcess.ask)
                "    print(line.strip(), flush=True)");
    }

    private static boolean alive(ChildProcess child) {
        return ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void stopsAListenerGracefully() throws Exception {
        try (var server = ChildProcess.start(List.of("python3", "-c", listener(false)))) {
            String port = server.firstLine().strip();
            CliRun run = CliRun.run("kill", port, "--yes");
            assertThat(run.out()).contains("Will stop, to free port " + port)
                    .contains("pid " + server.pid() + " python3")
                    .contains("pid " + server.pid() + " (python3): stopped (SIGTERM)")
                    .contains("Port " + port + " is free.");
            assertThat(run.exitCode()).isZero();
            assertThat(LoopbackSockets.eventually(Duration.ofSeconds(5), () -> !alive(server))).isTrue();
        }
    }

    @Test
    void aProcessIgnoringSigtermNeedsForce() throws Exception {
        try (var server = ChildProcess.start(List.of("python3", "-c", listener(true)))) {
            String port = server.firstLine().strip();
            CliRun gentle = CliRun.run("kill", port, "--yes", "--timeout", "0.5");
            assertThat(gentle.out()).contains("still running after SIGTERM").contains("Port " + port + " is still held.");
            assertThat(gentle.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(alive(server)).isTrue();

            CliRun forced = CliRun.run("kill", port, "--yes", "--timeout", "0.5", "--force");
            assertThat(forced.out()).contains("killed (SIGKILL)").contains("Port " + port + " is free.");
            assertThat(forced.exitCode()).isZero();
            assertThat(alive(server)).isFalse();
        }
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        try (var server = ChildProcess.start(List.of("python3", "-c", listener(false)))) {
            String port = server.firstLine().strip();
            CliRun run = CliRun.run("kill", port, "--dry-run");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("pid " + server.pid()).contains("Dry run: nothing was stopped.");
            assertThat(server.ask("still running?")).as("no signal reached the listener").isEqualTo("still running?");
            assertThat(CliRun.run("who", port).exitCode()).isZero();
        }
    }

    @Test
    void withoutATerminalItAsksForYes() throws Exception {
        try (var server = ChildProcess.start(List.of("python3", "-c", listener(false)))) {
            CliRun run = CliRun.run("kill", server.firstLine().strip());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("add --yes to confirm");
            assertThat(alive(server)).isTrue();
        }
    }

    @Test
    void refusesToStopItself() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            CliRun run = CliRun.run("kill", Integer.toString(port), "--yes");
            assertThat(run.out()).contains("this is portscope itself").contains("is still held");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        }
    }

    /**
     * A UDP port nobody holds, as far as the test can tell: another program could take it at any moment,
     * so the command only looks (--dry-run); it says the same as with --yes when nothing holds the port.
     */
    @Test
    void aFreePortHasNothingToStop() throws Exception {
        int port;
        try (var probe = java.nio.channels.DatagramChannel.open().bind(new java.net.InetSocketAddress("127.0.0.1", 0))) {
            port = ((java.net.InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        CliRun run = CliRun.run("kill", port + "/udp", "--dry-run");
        assertThat(run.out()).startsWith("Nothing holds port " + port + "/udp: nothing to stop.");
        assertThat(run.exitCode()).isZero();
    }
}
