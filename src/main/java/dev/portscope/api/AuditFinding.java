package dev.portscope.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing an audit found wrong.
 *
 * {@snippet :
 * for (AuditFinding f : scope.audit(AuditPolicy.defaults()).findings()) {
 *     System.out.println(f.severity() + " " + f.rule() + ": " + f.message());
 * }
 * }
 *
 * @param rule     the rule's id, as {@code portscope audit} and the README's "Security audit" name it
 * @param severity its severity, after the policy's overrides
 * @param message  one line naming the port, address and process
 * @param fix      what to do about it, one sentence
 * @param socket   the socket concerned; empty when the finding is about something absent (a required listener)
 * @param owners   the processes holding the socket, or the process concerned
 */
public record AuditFinding(String rule, Severity severity, String message, String fix, Optional<SocketEntry> socket,
        List<Owner> owners) {

    public AuditFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(socket, "socket");
        owners = List.copyOf(owners);
    }
}
