package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code portscope kill} on real child processes that listen on loopback. */
@Tag("live")
@Timeout(30)
class KillCommandTest {

    /** Runs portscope on this machine's platform; {@code PortableKillCommandTest} runs the same tests on the portable one. */
    CliRun run(String... args) {
        return CliRun.run(args);
    }

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
            CliRun run = run("kill", port, "--yes");
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
            CliRun gentle = run("kill", port, "--yes", "--timeout", "0.5");
            assertThat(gentle.out()).contains("still running after SIGTERM").contains("Port " + port + " is still held");
            assertThat(gentle.exitCode()).isEqualTo(gentle.partial() ? ExitCodes.PARTIAL : ExitCodes.NOT_FOUND);
            assertThat(alive(server)).isTrue();

            CliRun forced = run("kill", port, "--yes", "--timeout", "0.5", "--force");
            assertThat(forced.out()).contains("killed (SIGKILL)").contains("Port " + port + " is free.");
            assertThat(forced.exitCode()).isZero();
            assertThat(alive(server)).isFalse();
        }
    }

    /**
     * A python3 parent forks a child that listens, closes its own copy and never waits for the
     * child: once SIGTERM ends the child it stays a zombie, which holds no socket.
     */
    @Test
    void aHolderThatDiedButWasNotReapedCountsAsStoppedAtOnce() throws Exception {
        String script = String.join("\n",
                "import os, socket, time",
                "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                "port = s.getsockname()[1]",
                "child = os.fork()",
                "if child == 0:",
                "    time.sleep(60)",
                "    os._exit(0)",
                "s.close()",
                "print(port, child, flush=True)",
                "time.sleep(60)");
        try (var parent = ChildProcess.start(List.of("python3", "-c", script))) {
            String[] portAndChild = parent.firstLine().strip().split(" ");
            String port = portAndChild[0];
            long started = System.nanoTime();
            CliRun run = run("kill", port, "--yes", "--timeout", "10");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(run.out()).contains("pid " + portAndChild[1] + " (python3): stopped (SIGTERM)")
                    .contains("Port " + port + " is free.")
                    .doesNotContain("pid " + parent.pid());
            assertThat(run.exitCode()).isZero();
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(alive(parent)).as("the parent held no socket").isTrue();
        }
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        try (var server = ChildProcess.start(List.of("python3", "-c", listener(false)))) {
            String port = server.firstLine().strip();
            CliRun run = run("kill", port, "--dry-run");
            // a process hidden even from root (a sandbox's pid 1) could hold the port too: then the answer is partial
            assertThat(run.exitCode()).isEqualTo(run.partial() ? ExitCodes.PARTIAL : ExitCodes.OK);
            assertThat(run.out()).contains("pid " + server.pid()).contains("Dry run: nothing was stopped.");
            assertThat(server.ask("still running?")).as("no signal reached the listener").isEqualTo("still running?");
            assertThat(run("who", port).exitCode()).isZero();
        }
    }

    @Test
    void withoutATerminalItAsksForYes() throws Exception {
        try (var server = ChildProcess.start(List.of("python3", "-c", listener(false)))) {
            CliRun run = run("kill", server.firstLine().strip());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("add --yes to confirm");
            assertThat(alive(server)).isTrue();
        }
    }

    /** A client that binds {@code port} on 127.0.0.2 itself and connects to {@code peer} on 127.0.0.1. */
    private static String clientBoundTo(String port, int peer) {
        return String.join("\n",
                "import socket, time",
                "c = socket.socket(); c.bind(('127.0.0.2', " + port + ")); c.connect(('127.0.0.1', " + peer + "))",
                "print('connected', flush=True)",
                "time.sleep(60)");
    }

    @Test
    void aClientThatBoundThePortOnAnotherAddressIsLeftAlone() throws Exception {
        try (var sockets = new LoopbackSockets();
                var server = ChildProcess.start(List.of("python3", "-c", listener(false)))) {
            String port = server.firstLine().strip();
            int peer = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            try (var client = ChildProcess.start(List.of("python3", "-c", clientBoundTo(port, peer)))) {
                assertThat(client.firstLine()).isEqualTo("connected");
                CliRun run = run("kill", port, "--yes");
                assertThat(run.out()).contains("pid " + server.pid() + " (python3): stopped (SIGTERM)")
                        .doesNotContain("pid " + client.pid())
                        .contains("Leaving alone 1 client socket(s)")
                        .contains("Port " + port + " is free.");
                assertThat(run.exitCode()).isZero();
                assertThat(alive(client)).isTrue();
            }
        }
    }

    /**
     * A python3 parent listens, then runs portscope kill on its own port with the socket passed
     * down, as a shell does with a descriptor it did not close: neither may be stopped.
     */
    @Test
    void neverStopsTheProcessThatStartedItAndPassedTheSocketDown() throws Exception {
        String script = String.join("\n",
                "import socket, subprocess, sys",
                "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                "port = str(s.getsockname()[1])",
                "r = subprocess.run(sys.argv[1:] + ['kill', port, '--yes'], pass_fds=[s.fileno()],"
                        + " capture_output=True, text=True, timeout=100)",
                "print(port, r.returncode)",
                "print(r.stdout + r.stderr, flush=True)");
        List<String> command = List.of("python3", "-c", script,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        Process parent = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(parent.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
            String output = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(parent.exitValue()).as("the parent was not signalled: " + output).isZero();
            String port = output.substring(0, output.indexOf(' '));
            assertThat(output).matches("(?s)" + port + " (" + ExitCodes.NOT_FOUND + "|" + ExitCodes.PARTIAL + ")\n.*")
                    .contains("Refusing pid " + parent.pid() + " python3")
                    .contains("it is portscope's parent, and portscope never stops the processes that started it;"
                            + " portscope inherited the socket from it: close the inherited descriptor there")
                    .contains("this is portscope itself, which holds the socket too: it inherited it from its parent (pid "
                            + parent.pid() + ")")
                    .contains("Nothing was stopped: port " + port + " is still held.")
                    .doesNotContain("SIGTERM").doesNotContain("Exception");
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }

    @Test
    void refusesToStopItself() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            CliRun run = run("kill", Integer.toString(port), "--yes");
            assertThat(run.out()).contains("this is portscope itself").contains("is still held");
            assertThat(run.exitCode()).isEqualTo(run.partial() ? ExitCodes.PARTIAL : ExitCodes.NOT_FOUND);
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
        CliRun run = run("kill", port + "/udp", "--dry-run");
        assertThat(run.out()).startsWith("Nothing holds port " + port + "/udp: nothing to stop.");
        assertThat(run.exitCode()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "-1", "-0.5", "3600.5", "1e9", "0x10", "5d", "five", ""})
    void aTimeoutOutsideZeroTo3600SecondsIsOneLineAndExitTwo(String value) {
        CliRun run = run("kill", "1", "--dry-run", "--timeout=" + value);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("portscope: --timeout must be a number of seconds from 0 to 3600, not '" + value + "'\n");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", ".5", "2.", "3600", "3600.0", "7"})
    void aTimeoutFromZeroTo3600SecondsIsAccepted(String value) throws Exception {
        int port;
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CliRun run = run("kill", port + "/udp", "--dry-run", "--timeout", value);
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
    }
}
