package dev.portscope.analysis.audit;

import dev.portscope.model.Exposure;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import java.util.List;

/**
 * A listener a policy accepts.
 *
 * @param match   its ports and protocol
 * @param scope   how far it may be reached from
 * @param process    the process name ({@code comm}) expected to hold it; null for any. Any local user
 *                   can give a process any name, so a name alone proves nothing: pin the user and
 *                   the executable too
 * @param user       the user expected to run that process; null for any
 * @param executable the program file the process must run (the kernel's {@code /proc/PID/exe}, which
 *                   no process can forge); null for any. A program deleted or replaced since it
 *                   started does not match: what runs is no longer the file at that path
 */
public record AllowedListener(PortMatch match, Scope scope, String process, String user, String executable) {

    public AllowedListener {
        java.util.Objects.requireNonNull(match, "match");
        java.util.Objects.requireNonNull(scope, "scope");
    }

    /** A listener allowed whatever program runs it. */
    public AllowedListener(PortMatch match, Scope scope, String process, String user) {
        this(match, scope, process, user, null);
    }

    public boolean allows(Socket socket, List<ProcessInfo> owners) {
        if (!socket.isListening() || !match.matches(socket) || !scope.admits(Exposure.of(socket.local()))) {
            return false;
        }
        if (process == null && user == null && executable == null) {
            return true;
        }
        // Unknown owners cannot prove they are the expected ones.
        return !owners.isEmpty() && owners.stream().anyMatch(p -> (process == null || process.equals(p.name()))
                && (user == null || user.equals(p.user()))
                && (executable == null || (executable.equals(p.executable()) && !p.executableDeleted())));
    }
}
