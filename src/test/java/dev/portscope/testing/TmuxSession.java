package dev.portscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A terminal for tests of full-screen programs: a shell in a tmux session of a given size, on a
 * tmux server of the test's own (its own socket name, no configuration file), so that no one
 * else's sessions are seen or touched. Keys go in with {@code send-keys}; the screen comes back
 * with {@code capture-pane}, with its colours as escape sequences when asked.
 */
public final class TmuxSession implements AutoCloseable {

    private static final String SESSION = "t";

    private final String server;

    private TmuxSession(String server) {
        this.server = server;
    }

    /** Whether tmux can be run here. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A bash without start-up files, prompt {@code PROMPT$ }, in a UTF-8 locale, on a screen of this size. */
    public static TmuxSession start(int columns, int rows) throws IOException, InterruptedException {
        TmuxSession tmux = new TmuxSession("portscope-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        tmux.run("-f", "/dev/null", "new-session", "-d", "-s", SESSION, "-x", Integer.toString(columns), "-y", Integer.toString(rows),
                "-e", "PS1=PROMPT$ ", "-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8", "-e", "NO_COLOR=", "bash --norc --noprofile");
        return tmux;
    }

    /** Types text as it is, then Enter. */
    public void typeLine(String text) throws IOException, InterruptedException {
        run("send-keys", "-t", SESSION, "-l", text);
        run("send-keys", "-t", SESSION, "Enter");
    }

    /** Sends keys by tmux's names ({@code Up}, {@code C-c}, {@code Enter}) or as characters ({@code q}). */
    public void keys(String... keys) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("send-keys", "-t", SESSION));
        command.addAll(List.of(keys));
        run(command.toArray(String[]::new));
    }

    /** Types characters literally (no key names). */
    public void type(String text) throws IOException, InterruptedException {
        run("send-keys", "-t", SESSION, "-l", text);
    }

    /** The screen as text; with {@code colours}, with the escape sequences of its attributes. */
    public String screen(boolean colours) throws IOException, InterruptedException {
        return colours ? run("capture-pane", "-p", "-e", "-t", SESSION) : run("capture-pane", "-p", "-t", SESSION);
    }

    /** A tmux format of the pane ({@code #{alternate_on}}, {@code #{cursor_flag}}). */
    public String format(String format) throws IOException, InterruptedException {
        return run("display-message", "-p", "-t", SESSION, format).strip();
    }

    public void resize(int columns, int rows) throws IOException, InterruptedException {
        run("resize-window", "-t", SESSION, "-x", Integer.toString(columns), "-y", Integer.toString(rows));
    }

    /**
     * Polls the screen every 100 ms until it satisfies {@code condition}, for at most {@code limit}.
     *
     * @return the screen that did, or null when none did in time
     */
    public String await(Duration limit, boolean colours, Predicate<String> condition) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String screen = screen(colours);
            if (condition.test(screen)) {
                return screen;
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(100);
        }
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", server));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Ends the test's own tmux server, and with it the shell and whatever still runs in it. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("kill-server");
        } catch (IOException alreadyGone) {
            // the server ends by itself when its last session does
        }
    }
}
