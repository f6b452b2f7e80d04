package dev.portscope.cli;

import dev.portscope.platform.Platform;
import dev.portscope.platform.Platforms;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Everything a command takes from the world outside its arguments, so that tests can run commands
 * in-process with their own.
 *
 * @param variables      environment variables
 * @param terminal       whether standard output is a terminal
 * @param terminalWidth  its width in columns, 0 when unknown or not a terminal
 * @param platform       the operating system's capabilities (sockets, processes, settings...)
 * @param clock          the time snapshots are stamped with
 * @param in             standard input, read only to confirm an action
 * @param interactive    whether a person can answer a question on standard input
 */
public record CliEnvironment(
        Map<String, String> variables,
        boolean terminal,
        int terminalWidth,
        Platform platform,
        Clock clock,
        InputStream in,
        boolean interactive) {

    /** An environment with no one to answer questions. */
    public CliEnvironment(Map<String, String> variables, boolean terminal, int terminalWidth, Platform platform, Clock clock) {
        this(variables, terminal, terminalWidth, platform, clock, InputStream.nullInputStream(), false);
    }

    /** An environment with no one to answer questions, on the system whose procfs and {@code /etc} are at these roots. */
    public CliEnvironment(Map<String, String> variables, boolean terminal, int terminalWidth, Path procRoot, Path etcRoot, Clock clock) {
        this(variables, terminal, terminalWidth, Platforms.select(procRoot, etcRoot), clock);
    }

    public static CliEnvironment fromSystem() {
        Platform platform = Platforms.live();
        var console = System.console();
        boolean terminal = console != null && console.isTerminal();
        int width = 0;
        if (terminal) {
            String columns = System.getenv("COLUMNS");
            width = columns != null && columns.matches("\\d{1,4}") ? Integer.parseInt(columns) : platform.terminal().columns();
        }
        return new CliEnvironment(System.getenv(), terminal, width, platform, Clock.systemUTC(), System.in, terminal);
    }

    /** Colour only on a terminal, and never when {@code NO_COLOR} is set to anything non-empty (no-color.org). */
    public boolean colour() {
        String noColor = variables.get("NO_COLOR");
        String term = variables.get("TERM");
        return terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
    }
}
