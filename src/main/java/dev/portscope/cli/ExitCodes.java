package dev.portscope.cli;

/**
 * Exit codes: one table, in the README ("Exit codes"), where no number means two things to one command.
 *
 * <p>Most commands answer a question and use {@link #OK}, {@link #NOT_FOUND}, {@link #USAGE} and
 * {@link #PARTIAL}. {@code audit} and {@code health} are checks run by monitoring systems
 * ({@link MonitoringCheck}) and follow the monitoring-plugin convention instead (Nagios plugin
 * guidelines, "Plugin Return Codes"): {@link #WARNING}, {@link #CRITICAL}, and {@link #UNKNOWN} for
 * everything that kept the check from a full answer, a bad command line included. {@link #INTERNAL_ERROR}
 * is the same for every command.
 */
public final class ExitCodes {
    /** Done, and the answer is complete (a check: nothing wrong). */
    public static final int OK = 0;
    /** The question had no answer: nothing holds the port, a check failed. */
    public static final int NOT_FOUND = 1;
    /** The command line was wrong, or a file it names cannot be used. */
    public static final int USAGE = 2;
    /** Done, but part of the answer is missing (see the diagnostics on stderr). */
    public static final int PARTIAL = 3;

    /** A check found something to look at. */
    public static final int WARNING = 1;
    /** A check found something to act on now. */
    public static final int CRITICAL = 2;
    /** A check could not look at everything, or was not given what it needs (a bad option, an unusable file). */
    public static final int UNKNOWN = 3;

    /** portscope itself failed; a bug report should include the message. */
    public static final int INTERNAL_ERROR = 70;
    /** The answer could not be written: standard output failed (a full disk, a closed descriptor). As sysexits' EX_IOERR. */
    public static final int OUTPUT_ERROR = 74;

    private ExitCodes() {}

    /** The code of a bad command line for {@code command}: {@link #UNKNOWN} for a check, {@link #USAGE} otherwise. */
    static int usageError(Object command) {
        return command instanceof MonitoringCheck ? UNKNOWN : USAGE;
    }

    /**
     * A check's code. A critical finding is certain even when the inspection was incomplete; the
     * absence of one is not, so an incomplete inspection without it is unknown, never OK.
     */
    static int ofCheck(boolean critical, boolean warning, boolean incomplete) {
        if (critical) {
            return CRITICAL;
        }
        if (incomplete) {
            return UNKNOWN;
        }
        return warning ? WARNING : OK;
    }
}
