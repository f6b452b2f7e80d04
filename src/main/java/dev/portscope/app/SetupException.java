package dev.portscope.app;

/** What was asked for cannot be set up here (an unknown backend, an unreadable recording); the message says why in one line. */
public final class SetupException extends RuntimeException {

    public SetupException(String message) {
        super(message);
    }
}
