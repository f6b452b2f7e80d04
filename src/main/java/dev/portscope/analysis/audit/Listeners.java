package dev.portscope.analysis.audit;

import dev.portscope.model.Exposure;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import java.util.List;
import java.util.stream.Collectors;

/** Words the rules share to name a listener in a finding. */
final class Listeners {

    private Listeners() {}

    static boolean beyondLoopback(Socket socket) {
        return Exposure.of(socket.local()) != Exposure.LOOPBACK;
    }

    /** {@code 23/tcp on all interfaces, pid 812 (inetd)}. */
    static String describe(Socket socket, List<ProcessInfo> owners) {
        return socket.local().port() + "/" + socket.protocol().label() + " on "
                + Exposure.label(socket.local()) + ", " + owners(owners, socket);
    }

    /** {@code pid 812 (inetd)}, {@code pids 1, 2 (nginx)}, or the uid when no owner is known. */
    static String owners(List<ProcessInfo> owners, Socket socket) {
        if (owners.isEmpty()) {
            return socket.uidKnown() ? "owner unknown (uid " + socket.uid() + ")" : "owner unknown";
        }
        String pids = owners.stream().map(p -> Integer.toString(p.pid())).collect(Collectors.joining(", "));
        String names = owners.stream().map(ProcessInfo::name).distinct().collect(Collectors.joining(", "));
        return (owners.size() == 1 ? "pid " : "pids ") + pids + " (" + names + ")";
    }
}
