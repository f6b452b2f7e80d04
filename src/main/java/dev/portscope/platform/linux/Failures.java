package dev.portscope.platform.linux;

import dev.portscope.model.Diagnostic;
import dev.portscope.platform.linux.ffm.Libc;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * What a failed read means for the answer: the one mapping from {@code errno} values
 * ({@code errno(3)}) and java.nio's exceptions to {@link Diagnostic.Kind}, so that every reader of
 * this provider calls a refusal, a missing file, a timeout and exhausted descriptors by the same name.
 */
public final class Failures {

    private Failures() {}

    /** The kind of a failed system call. */
    public static Diagnostic.Kind ofErrno(int errno) {
        return switch (errno) {
            case Libc.EACCES, Libc.EPERM -> Diagnostic.Kind.PERMISSION_DENIED;
            case Libc.ENOENT -> Diagnostic.Kind.NOT_FOUND;
            case Libc.EAGAIN, Libc.ETIMEDOUT -> Diagnostic.Kind.TIMED_OUT;
            case Libc.EMFILE, Libc.ENFILE, Libc.ENOMEM, Libc.ENOBUFS -> Diagnostic.Kind.RESOURCE_LIMIT;
            case Libc.EINVAL, Libc.EOPNOTSUPP, Libc.EPROTONOSUPPORT, Libc.EAFNOSUPPORT -> Diagnostic.Kind.UNAVAILABLE;
            default -> Diagnostic.Kind.IO_ERROR;
        };
    }

    /**
     * The kind of a failed java.nio read. java.nio names only {@code EACCES} and {@code ENOENT} by
     * class; the others arrive as a {@link FileSystemException} whose reason is the C library's text
     * ({@code strerror(3)}), which is matched for the descriptor limits.
     */
    public static Diagnostic.Kind of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return Diagnostic.Kind.PERMISSION_DENIED;
        }
        if (e instanceof NoSuchFileException) {
            return Diagnostic.Kind.NOT_FOUND;
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason != null && (reason.startsWith("Too many open files") || reason.startsWith("Cannot allocate memory"))) {
            return Diagnostic.Kind.RESOURCE_LIMIT; // EMFILE, ENFILE ("... in system"), ENOMEM
        }
        return Diagnostic.Kind.IO_ERROR;
    }

    /**
     * Whether a failed read of {@code /proc/<pid>/…} only means the process exited meanwhile
     * ({@code ENOENT}, {@code ESRCH}): normal churn, not a gap in the answer.
     */
    public static boolean vanished(IOException e) {
        if (e instanceof NoSuchFileException) {
            return true;
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        return reason != null && reason.startsWith("No such process");
    }

    /** As {@link #vanished(IOException)}, for an errno. */
    public static boolean vanished(int errno) {
        return errno == Libc.ENOENT || errno == Libc.ESRCH;
    }

    /** A short reason for a message: the exception's own text without the path java.nio repeats. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
