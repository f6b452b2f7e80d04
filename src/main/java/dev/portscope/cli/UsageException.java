package dev.portscope.cli;

/** A mistake in what the user asked for; reported as one line, exit {@link ExitCodes#USAGE}. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
