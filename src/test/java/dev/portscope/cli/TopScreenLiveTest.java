package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.LoopbackSockets;
import dev.portscope.testing.TmuxSession;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portscope top} on a real terminal: tmux at 80×24 runs it in a shell, the test opens and
 * closes its own loopback connections and reads the screen back, colours included. Every filter
 * names the test's own addresses and ports, so the machine's other sockets never matter; the only
 * connection closed and the only process stopped are the test's own.
 */
@Tag("live")
@Timeout(180)
class TopScreenLiveTest {

    private static final Duration START = Duration.ofSeconds(40); // a JVM and a first refresh of the whole machine, on a busy box
    /** Longer than a refresh of a machine with 200,000 sockets (other programs' load tests) on a busy box. */
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern SGR = Pattern.compile("\u001b\\[([0-9;]*)m");

    @TempDir
    Path dir;

    @BeforeAll
    static void tmuxIsThere() {
        assumeTrue(TmuxSession.available(), "tmux is not installed (.ci/run installs it)");
    }

    /** A script that runs top with this test's classes and records its pid, then says how it ended. */
    private String topCommand(String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.writeString(dir.resolve("classpath"), System.getProperty("java.class.path"));
        StringBuilder command = new StringBuilder("echo $$ > '" + dir.resolve("pid") + "'; exec '" + java
                + "' --enable-native-access=ALL-UNNAMED -cp \"$(cat '" + dir.resolve("classpath") + "')\" " + Main.class.getName() + " top");
        for (String arg : args) {
            command.append(" '").append(arg).append("'");
        }
        Files.writeString(dir.resolve("top.sh"), command + "\n");
        return "sh '" + dir.resolve("top.sh") + "'; echo TOP-EXIT=$?";
    }

    /** Whether a line of the screen shows this attribute (SGR code: 32 green, 31 red, 2 faint, 7 inverse). */
    private static boolean styled(String line, String code) {
        Matcher m = SGR.matcher(line);
        while (m.find()) {
            if (List.of(m.group(1).split(";")).contains(code)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits for top's first screen, showing the test's listener (the command line typed into the shell
     * names the port too: it does not count), with the alternate screen on.
     */
    private static void awaitScreen(TmuxSession tmux, int port) throws Exception {
        await(tmux, "top's first screen", START, false,
                s -> s.startsWith("portscope top") && s.contains("filter: src 127.0.0.1:" + port + "   1 row"));
        assertThat(tmux.format("#{alternate_on}")).isEqualTo("1");
    }

    /** Whether the header says the table has this many rows. */
    private static boolean rows(String screen, int count) {
        return screen.lines().anyMatch(l -> l.startsWith("filter: ") && l.endsWith("   " + count + (count == 1 ? " row" : " rows")));
    }

    private static List<String> lines(String screen, String... all) {
        return screen.lines().filter(l -> List.of(all).stream().allMatch(l::contains)).toList();
    }

    /** Waits for the screen to satisfy {@code condition}; fails with the screen as it last was. */
    private static String await(TmuxSession tmux, String what, Duration limit, boolean colours, java.util.function.Predicate<String> condition)
            throws Exception {
        String screen = tmux.await(limit, colours, condition);
        if (screen == null) {
            throw new AssertionError("no " + what + " within " + limit.toSeconds() + " s; the screen:\n" + tmux.screen(colours));
        }
        return screen;
    }

    private static SocketChannel[] abortivePair(LoopbackSockets sockets, ServerSocketChannel server) throws IOException {
        SocketChannel[] pair = sockets.connectedPair(server);
        for (SocketChannel end : pair) {
            end.setOption(StandardSocketOptions.SO_LINGER, 0); // closed with a reset: no TIME-WAIT row left behind
        }
        return pair;
    }

    @Test
    void showsMarksSortsFiltersStopsAndRestoresTheTerminal() throws Exception {
        try (LoopbackSockets sockets = new LoopbackSockets(); TmuxSession tmux = TmuxSession.start(80, 24)) {
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            String mine = "src 127.0.0.1:" + port + " or dst 127.0.0.1:" + port; // the port alone may be another address's too
            tmux.typeLine(topCommand("--interval", "1", mine));
            await(tmux, "top's first screen", START, false, s -> s.startsWith("portscope top") && rows(s, 1));
            assertThat(tmux.format("#{alternate_on}")).isEqualTo("1");

            // a new connection: two green rows (the client's and the accepted one)
            SocketChannel[] pair = abortivePair(sockets, server);
            // a dump is not atomic: the two ends may be seen a refresh apart, each green for its own two refreshes
            java.util.Set<String> green = new java.util.HashSet<>();
            java.util.Set<String> openedLines = new java.util.HashSet<>();
            await(tmux, "two green rows", WAIT, true, s -> {
                lines(s, ":" + port, "ESTAB").stream().filter(l -> styled(l, "32"))
                        .map(l -> SGR.matcher(l).replaceAll("").strip().split("\\s+")[2]).forEach(green::add); // by LOCAL
                s.lines().map(l -> SGR.matcher(l).replaceAll("")).filter(l -> l.matches("\\+[12] opened.*")).forEach(openedLines::add);
                return green.size() == 2;
            });
            assertThat(openedLines).isNotEmpty();

            // closed: kept dimmed red for a few refreshes, then gone
            pair[0].close();
            pair[1].close();
            await(tmux, "a dimmed red row", WAIT, true, s -> lines(s, ":" + port, "ESTAB").stream().anyMatch(l -> styled(l, "31") && styled(l, "2")));
            await(tmux, "closed rows gone", WAIT, false, s -> rows(s, 1) && lines(s, "ESTAB").isEmpty());

            // sorting by keys: by REMOTE the listener's *:* comes first, reversed last
            abortivePair(sockets, server);
            await(tmux, "three rows", WAIT, false, s -> rows(s, 3));
            tmux.type(">");
            String byRemote = await(tmux, "sorted by REMOTE", WAIT, false, s -> s.contains("sort: REMOTE ▲"));
            assertThat(byRemote.lines().toList().get(5)).contains("LISTEN");
            tmux.type("r");
            String reversed = await(tmux, "sorted by REMOTE, reversed", WAIT, false, s -> s.contains("sort: REMOTE ▼"));
            assertThat(reversed.lines().toList().get(7)).contains("LISTEN");

            // filtering by keys: '/' starts from the filter in force
            tmux.type("/");
            await(tmux, "the filter in force, to edit", WAIT, false, s -> s.contains("filter: " + mine + "_"));
            tmux.keys("C-u"); // not a key of top's: ignored
            tmux.keys(java.util.Collections.nCopies(mine.length(), "BSpace").toArray(String[]::new));
            tmux.type("src 127.0.0.1:" + port);
            tmux.keys("Enter");
            await(tmux, "filtered by keys", WAIT, false, s -> s.contains("filter: src 127.0.0.1:" + port + "   2 rows"));
            tmux.type("/");
            tmux.type(" and");
            tmux.keys("Enter");
            String bad = await(tmux, "the bad filter's error", WAIT, true, s -> s.contains("filter:1:"));
            assertThat(bad).doesNotContain("Exception").contains("2 rows");

            // details of the selected row: what who says
            tmux.keys("Home", "Enter");
            await(tmux, "details", WAIT, false, s -> s.contains("Port " + port + "/tcp is held on this machine.") && s.contains("Listening:"));
            tmux.type("q");
            await(tmux, "the table again", WAIT, false, s -> rows(s, 2));

            // closing a connection through close's path, after a question; a listener is not closed
            tmux.keys("End");
            tmux.type("c");
            await(tmux, "the refusal to close a listener", WAIT, false, s -> s.contains("a listener: K stops its process"));
            tmux.keys("Home");
            tmux.type("c");
            String close = await(tmux, "the question to close", WAIT, false, s -> s.contains("Close tcp 127.0.0.1:" + port + " -> 127.0.0.1:"));
            assertThat(close).contains("(pid " + ProcessHandle.current().pid() + " java)? [y/N]");
            tmux.type("y");
            await(tmux, "the closed connection", WAIT, false, s -> s.lines().anyMatch(l -> l.startsWith("tcp 127.0.0.1:" + port) && l.endsWith(": closed")));
            await(tmux, "the closed row gone", WAIT, false, s -> rows(s, 1));

            // stopping a process of the test's own, through kill's path, after a question
            try (ChildProcess child = ChildProcess.start(List.of("python3", "-c", String.join("\n",
                    "import socket, sys",
                    "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                    "print(s.getsockname()[1], flush=True)",
                    "sys.stdin.read()")))) {
                String childPort = child.firstLine().strip();
                tmux.type("/");
                tmux.keys(java.util.Collections.nCopies(40, "BSpace").toArray(String[]::new)); // whatever the input held
                tmux.type("src 127.0.0.1:" + childPort);
                tmux.keys("Enter");
                await(tmux, "the child's listener", WAIT, false, s -> s.contains("127.0.0.1:" + childPort) && s.contains("python3"));
                tmux.type("K");
                String asked = await(tmux, "the question", WAIT, false, s -> s.contains("Stop pid " + child.pid() + " python3"));
                assertThat(asked).contains("with SIGTERM? [y/N]");
                tmux.type("y");
                await(tmux, "the stop's outcome", WAIT, false, s -> s.contains("pid " + child.pid() + " python3: stopped (SIGTERM)"));
                assertThat(LoopbackSockets.eventually(WAIT, () -> ProcessHandle.of(child.pid()).map(p -> !p.isAlive()).orElse(true))).isTrue();
            }

            // q: the shell's screen again, cursor visible, the terminal's modes back
            tmux.type("q");
            await(tmux, "top ended", WAIT, false, s -> s.contains("TOP-EXIT="));
            assertRestored(tmux);
        }
    }

    @Test
    void followsResizesAndRestoresTheTerminalAfterCtrlCSigtermAndSigint() throws Exception {
        try (LoopbackSockets sockets = new LoopbackSockets(); TmuxSession tmux = TmuxSession.start(80, 24)) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            tmux.typeLine(topCommand("--interval", "0.5s", "src 127.0.0.1:" + port));
            awaitScreen(tmux, port);
            tmux.resize(100, 30);
            await(tmux, "the status line on the last of 30 rows", WAIT, false, s -> s.lines().count() == 30 && s.lines().toList().get(29).startsWith("q quit"));
            tmux.resize(80, 24);
            await(tmux, "the status line on the last of 24 rows", WAIT, false, s -> s.lines().toList().get(23).startsWith("q quit"));
            tmux.keys("C-c");
            await(tmux, "ended by Ctrl-C", WAIT, false, s -> s.contains("TOP-EXIT="));
            assertRestored(tmux);

            tmux.typeLine("clear");
            tmux.typeLine(topCommand("src 127.0.0.1:" + port));
            awaitScreen(tmux, port);
            long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
            ProcessHandle.of(pid).orElseThrow().destroy(); // SIGTERM: the shutdown hook restores the terminal
            await(tmux, "ended by SIGTERM", WAIT, false, s -> s.contains("TOP-EXIT="));
            assertRestored(tmux);

            tmux.typeLine("clear");
            tmux.typeLine(topCommand("src 127.0.0.1:" + port));
            awaitScreen(tmux, port);
            long again = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(again)).start(); // SIGINT from elsewhere, not a key
            assertThat(kill.waitFor()).isZero();
            await(tmux, "ended by SIGINT", WAIT, false, s -> s.contains("TOP-EXIT="));
            assertRestored(tmux);
        }
    }

    private static void assertRestored(TmuxSession tmux) throws Exception {
        assertThat(tmux.format("#{alternate_on}")).as("alternate screen left").isEqualTo("0");
        assertThat(tmux.format("#{cursor_flag}")).as("cursor visible").isEqualTo("1");
        assertThat(tmux.format("#{keypad_cursor_flag}")).as("cursor keys back in normal mode").isEqualTo("0");
        tmux.typeLine("clear; echo \"MODES: $(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|isig|icrnl)' | tr '\\n' ' ')\"");
        String screen = await(tmux, "the terminal's modes", WAIT, false, s -> s.lines().anyMatch(l -> l.startsWith("MODES: ") && l.length() > 10));
        String modes = screen.lines().filter(l -> l.startsWith("MODES: ")).findFirst().orElseThrow();
        assertThat(modes.substring(7).split(" ")).as(modes).containsExactlyInAnyOrder("isig", "icanon", "echo", "icrnl");
    }
}
