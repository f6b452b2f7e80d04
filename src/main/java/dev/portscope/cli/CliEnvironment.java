package dev.portscope.cli;

import dev.portscope.platform.linux.ffm.TerminalWindow;
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
 * @param procRoot       where procfs is mounted
 * @param etcRoot        where the system's {@code passwd} and {@code services} live
 * @param clock          the time snapshots are stamped with
 * @param in             standard input, read only to confirm an action
 * @param interactive    whether a person can answer a question on standard input
 */
public record CliEnvironment(
        Map<String, String> variables,
        boolean terminal,
        int terminalWidth,
        Path procRoot,
        Path etcRoot,
        Clock clock,
        InputStream in,
        boolean interactive) {

    /** An environment with no one to answer questions. */
    public CliEnvironment(Map<String, String> variables, boolean terminal, int terminalWidth, Path procRoot, Path etcRoot, Clock clock) {
        this(variables, terminal, terminalWidth, procRoot, etcRoot, clock, InputStream.nullInputStream(), false);
    }

    public static CliEnvironment fromSystem() {
        var console = System.console();
        boolean terminal = console != null && console.isTerminal();
        int width = 0;
        if (terminal) {
            String columns = System.getenv("COLUMNS");
            width = columns != null && columns.matches("\\d{1,4}") ? Integer.parseInt(columns) : TerminalWindow.columnsOfStandardOutput();
        }
        return new CliEnvironment(System.getenv(), terminal, width, Path.of("/proc"), Path.of("/etc"), Clock.systemUTC(), System.in, terminal);
    }

    /** Colour only on a terminal, and never when {@code NO_COLOR} is set to anything non-empty (no-color.org). */
    public boolean colour() {
        String noColor = variables.get("NO_COLOR");
        String term = variables.get("TERM");
        return terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
    }
}
