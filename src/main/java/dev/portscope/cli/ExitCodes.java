package dev.portscope.cli;

/** Exit codes, shared by every command and listed in the README. */
public final class ExitCodes {
    /** Done, and the answer is complete. */
    public static final int OK = 0;
    /** The question had no answer: nothing holds the port, a check failed. */
    public static final int NOT_FOUND = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** Done, but part of the answer is missing (see the diagnostics on stderr). */
    public static final int PARTIAL = 3;
    /** The answer could not be written: standard output failed (a full disk, a closed descriptor). As sysexits' EX_IOERR. */
    public static final int OUTPUT_ERROR = 74;
    /** portscope itself failed; a bug report should include the message. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {}
}
