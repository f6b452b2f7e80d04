package dev.portscope.app;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file named on the command line that cannot be read or written as asked. The message is one line,
 * ready to print: {@code cannot write /dev/sda: it is a block device}. It never quotes the file's content.
 */
public final class FileException extends IOException {

    private final String reason;

    /**
     * @param action what could not be done, as a verb phrase: {@code read policy}, {@code write}, {@code replay}
     * @param reason why, without the file
     */
    public FileException(String action, Path file, String reason) {
        super("cannot " + action + " " + file + ": " + reason);
        this.reason = reason;
    }

    /** Why, without the action and the file. */
    public String reason() {
        return reason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // a user's mistake, never printed with a trace
    }
}
