package dev.portscope.app;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
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

    /** {@code e} as a one-line reason: a few words (the system's error text), never the exception's class. */
    public static FileException from(String action, Path file, IOException e) {
        if (e instanceof FileException f) {
            return f;
        }
        return new FileException(action, file, reason(e));
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            message = fs.getReason();
        }
        String first = message == null ? "" : message.lines().findFirst().orElse("").strip();
        return first.isEmpty() ? "input/output error" : Character.toLowerCase(first.charAt(0)) + first.substring(1);
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
