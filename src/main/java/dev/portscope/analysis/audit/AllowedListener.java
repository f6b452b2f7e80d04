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
 * @param process the process name ({@code comm}) expected to hold it; null for any
 * @param user    the user expected to run that process; null for any
 */
public record AllowedListener(PortMatch match, Scope scope, String process, String user) {

    public AllowedListener {
        java.util.Objects.requireNonNull(match, "match");
        java.util.Objects.requireNonNull(scope, "scope");
    }

    public boolean allows(Socket socket, List<ProcessInfo> owners) {
        if (!socket.isListening() || !match.matches(socket) || !scope.admits(Exposure.of(socket.local()))) {
            return false;
        }
        if (process == null && user == null) {
            return true;
        }
        // Unknown owners cannot prove they are the expected ones.
        return !owners.isEmpty() && owners.stream().anyMatch(p ->
                (process == null || process.equals(p.name())) && (user == null || user.equals(p.user())));
    }
}
