package dev.portscope.platform.linux;

import dev.portscope.model.Diagnostic;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.linux.ffm.Errno;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an owner scan could not read, judged the same way by every scanner (libc through FFM, or
 * java.nio), so that both give the same answer and the same diagnostics:
 * <ul>
 *   <li>{@code EACCES}, {@code EPERM} (not root, {@code hidepid}): the process is counted as
 *       unreadable; its sockets are reported as hidden when some socket has no visible owner;</li>
 *   <li>{@code ENOENT}, {@code ESRCH}: the process exited, or the descriptor was closed, since
 *       they were listed; normal churn, not reported;</li>
 *   <li>anything else ({@code EMFILE} and {@code ENFILE} above all): reported, counted per reason,
 *       as a partial answer; never skipped in silence.</li>
 * </ul>
 * One per scanning thread; {@link #merge} joins them.
 */
final class OwnerScanProblems {

    /** A failure's kind and words, the key its count is kept under. */
    private record Reason(Diagnostic.Kind kind, String what, String text) {}

    private final java.util.TreeSet<Integer> refused = new java.util.TreeSet<>();
    private final Map<Reason, Integer> failures = new LinkedHashMap<>();

    /** Listing a process's descriptors ({@code /proc/<pid>/fd}) failed with {@code errno}: one process per call. */
    void processFailed(int pid, int errno) {
        if (errno == Errno.EACCES || errno == Errno.EPERM) {
            refused.add(pid);
        } else if (!Failures.vanished(errno)) {
            failures.merge(new Reason(Failures.ofErrno(errno), "processes", Failures.errnoText(errno)), 1, Integer::sum);
        }
    }

    /** As {@link #processFailed(int)}, for java.nio. */
    void processFailed(int pid, IOException e) {
        int errno = Failures.errnoOf(e);
        if (errno != 0) {
            processFailed(pid, errno);
        } else {
            failures.merge(new Reason(Diagnostic.Kind.IO_ERROR, "processes", Failures.reason(e)), 1, Integer::sum);
        }
    }

    /**
     * Reading one descriptor's link of process {@code pid} failed with {@code errno}. A refusal makes
     * the process unreadable (counted once): the kernel may let a directory be listed and its links
     * not be read ({@code ptrace} access mode checks them one by one).
     */
    void descriptorFailed(int pid, int errno) {
        if (errno == Errno.EACCES || errno == Errno.EPERM) {
            refused.add(pid);
        } else if (!Failures.vanished(errno)) {
            failures.merge(new Reason(Failures.ofErrno(errno), "descriptors", Failures.errnoText(errno)), 1, Integer::sum);
        }
    }

    /** As {@link #descriptorFailed(int, int)}, for java.nio. */
    void descriptorFailed(int pid, IOException e) {
        int errno = Failures.errnoOf(e);
        if (errno != 0) {
            descriptorFailed(pid, errno);
        } else {
            failures.merge(new Reason(Diagnostic.Kind.IO_ERROR, "descriptors", Failures.reason(e)), 1, Integer::sum);
        }
    }

    void merge(OwnerScanProblems other) {
        refused.addAll(other.refused);
        other.failures.forEach((reason, count) -> failures.merge(reason, count, Integer::sum));
    }

    /** Whether the descriptors of {@code pid} were refused. */
    boolean refused(int pid) {
        return refused.contains(pid);
    }

    /** Processes whose descriptors could not be read for lack of permission, in pid order. */
    java.util.List<Integer> unreadableProcesses() {
        return java.util.List.copyOf(refused);
    }

    /** Reports every failure but permission (which the caller judges against the sockets left without owner). */
    void report(DiagnosticLog log) {
        failures.forEach((reason, count) -> log.report(reason.kind(), "owners may be missing: the descriptors of "
                + (reason.what().equals("processes") ? count + (count == 1 ? " process" : " processes") + " could not be listed"
                        : "processes could not be read (" + count + (count == 1 ? " descriptor" : " descriptors") + ")")
                + ": " + reason.text()));
    }
}
