package dev.portscope.analysis.audit;

import dev.portscope.model.Diagnostic;
import java.util.List;

/**
 * What an audit found.
 *
 * @param findings    most severe first, then by rule and port
 * @param diagnostics what kept the snapshot from being complete
 * @param partial     true when the snapshot was incomplete: quiet rules prove nothing then
 */
public record AuditReport(List<Finding> findings, List<Diagnostic> diagnostics, boolean partial) {

    public AuditReport {
        findings = List.copyOf(findings);
        diagnostics = List.copyOf(diagnostics);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** The most severe finding's severity; empty when there is none. */
    public java.util.Optional<Severity> worst() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo);
    }
}
