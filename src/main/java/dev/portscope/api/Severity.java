package dev.portscope.api;

/**
 * How bad an audit finding is, least severe first.
 *
 * {@snippet :
 * boolean critical = scope.audit(AuditPolicy.defaults()).findings().stream()
 *         .anyMatch(f -> f.severity() == Severity.CRITICAL);
 * }
 */
public enum Severity {
    WARNING,
    CRITICAL
}
