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

    private static final int EIO = 5;
    private static final int ENOTDIR = 20;

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
            return Libc.EACCES;
        }
        if (e instanceof NoSuchFileException) {
            return Libc.ENOENT;
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return ENOTDIR;
        }
        if (e instanceof java.nio.file.NotLinkException) {
            return Libc.EINVAL; // readlink(2) on what is not a link
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason == null) {
            return 0;
        }
        return switch (reason) {
            case "Operation not permitted" -> Libc.EPERM;
            case "No such process" -> Libc.ESRCH;
            case "Input/output error" -> EIO;
            case "Cannot allocate memory" -> Libc.ENOMEM;
            case "Not a directory" -> ENOTDIR;
            case "Invalid argument" -> Libc.EINVAL;
            case "Too many open files in system" -> Libc.ENFILE;
            case "Too many open files" -> Libc.EMFILE;
            case "No buffer space available" -> Libc.ENOBUFS;
            case "Connection timed out" -> Libc.ETIMEDOUT;
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
        return errno == Libc.ENOENT || errno == Libc.ESRCH;
    }

    /** An errno's name and meaning for a message: {@code EMFILE (too many open files)}. */
    public static String errnoText(int errno) {
        return switch (errno) {
            case Libc.EPERM -> "EPERM (operation not permitted)";
            case Libc.ENOENT -> "ENOENT (no such file or directory)";
            case Libc.ESRCH -> "ESRCH (no such process)";
            case EIO -> "EIO (input/output error)";
            case Libc.EAGAIN -> "EAGAIN (try again)";
            case Libc.ENOMEM -> "ENOMEM (out of memory)";
            case Libc.EACCES -> "EACCES (permission denied)";
            case ENOTDIR -> "ENOTDIR (not a directory)";
            case Libc.EINVAL -> "EINVAL (invalid argument)";
            case Libc.ENFILE -> "ENFILE (too many open files in the system)";
            case Libc.EMFILE -> "EMFILE (too many open files)";
            case Libc.ENOBUFS -> "ENOBUFS (no buffer space)";
            case Libc.ETIMEDOUT -> "ETIMEDOUT (timed out)";
            default -> "errno " + errno;
        };
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
