package dev.portscope.analysis.audit;

/** A policy file that cannot be used, with where the problem is: {@code FILE:LINE:COLUMN: what was expected}. */
public final class PolicyException extends Exception {

    public PolicyException(String file, int line, int column, String expected) {
        super(file + ":" + line + ":" + column + ": " + expected, null, false, false);
    }
}
