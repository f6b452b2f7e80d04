package dev.portscope.platform.linux;

import dev.portscope.model.Diagnostic;
import dev.portscope.platform.linux.ffm.Errno;
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
            case Errno.EACCES, Errno.EPERM -> Diagnostic.Kind.PERMISSION_DENIED;
            case Errno.ENOENT -> Diagnostic.Kind.NOT_FOUND;
            case Errno.EAGAIN, Errno.ETIMEDOUT -> Diagnostic.Kind.TIMED_OUT;
            case Errno.EMFILE, Errno.ENFILE, Errno.ENOMEM, Errno.ENOBUFS -> Diagnostic.Kind.RESOURCE_LIMIT;
            case Errno.EINVAL, Errno.EOPNOTSUPP, Errno.EPROTONOSUPPORT, Errno.EAFNOSUPPORT -> Diagnostic.Kind.UNAVAILABLE;
            default -> Diagnostic.Kind.IO_ERROR;
        };
    }

    /**
     * The kind of a failed java.nio read: by its errno where it can be told ({@link #errnoOf}), else
     * {@link Diagnostic.Kind#IO_ERROR}.
     */
    public static Diagnostic.Kind of(IOException e) {
        int errno = errnoOf(e);
        return errno != 0 ? ofErrno(errno) : Diagnostic.Kind.IO_ERROR;
    }

    /**
     * The errno behind a java.nio exception, or 0 when it cannot be told. java.nio names only
     * {@code EACCES} and {@code ENOENT} by class; the others arrive as a {@link FileSystemException}
     * whose reason is the C library's text ({@code strerror(3)}, glibc's words), which is matched.
     */
    public static int errnoOf(IOException e) {
        if (e instanceof AccessDeniedException) {
            return Errno.EACCES;
        }
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT;
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return Errno.ENOTDIR;
        }
        if (e instanceof java.nio.file.NotLinkException) {
            return Errno.EINVAL; // readlink(2) on what is not a link
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason == null) {
            return 0;
        }
        return switch (reason) {
            case "Operation not permitted" -> Errno.EPERM;
            case "No such process" -> Errno.ESRCH;
            case "Input/output error" -> Errno.EIO;
            case "Cannot allocate memory" -> Errno.ENOMEM;
            case "Not a directory" -> Errno.ENOTDIR;
            case "Invalid argument" -> Errno.EINVAL;
            case "Too many open files in system" -> Errno.ENFILE;
            case "Too many open files" -> Errno.EMFILE;
            case "No buffer space available" -> Errno.ENOBUFS;
            case "Connection timed out" -> Errno.ETIMEDOUT;
            default -> 0;
        };
    }

    /**
     * Whether a failed read of {@code /proc/<pid>/…} only means the process exited meanwhile
     * ({@code ENOENT}, {@code ESRCH}): normal churn, not a gap in the answer.
     */
    public static boolean vanished(IOException e) {
        return vanished(errnoOf(e));
    }

    /** As {@link #vanished(IOException)}, for an errno. */
    public static boolean vanished(int errno) {
        return errno == Errno.ENOENT || errno == Errno.ESRCH;
    }

    /** An errno's name and meaning for a message: {@code EMFILE (too many open files)}. */
    public static String errnoText(int errno) {
        return Errno.text(errno);
    }

    /** A failed java.nio read for a message, in the words {@link #errnoText} uses for the same errno. */
    public static String describe(IOException e) {
        int errno = errnoOf(e);
        return errno != 0 ? errnoText(errno) : reason(e);
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
