package dev.portscope.analysis.audit;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import java.util.List;
import java.util.Objects;

/**
 * One thing an audit found wrong.
 *
 * @param rule      the rule that found it
 * @param severity  its severity, after the policy's overrides
 * @param socket    the socket concerned; null when the finding is about something absent (a required listener)
 * @param processes the processes holding the socket, or the process concerned
 * @param message   one line naming the port, address and pid
 */
public record Finding(RuleInfo rule, Severity severity, Socket socket, List<ProcessInfo> processes, String message) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        processes = List.copyOf(processes);
        Objects.requireNonNull(message, "message");
    }

    public Finding(RuleInfo rule, Socket socket, List<ProcessInfo> processes, String message) {
        this(rule, rule.severity(), socket, processes, message);
    }

    public Finding withSeverity(Severity changed) {
        return new Finding(rule, changed, socket, processes, message);
    }
}
