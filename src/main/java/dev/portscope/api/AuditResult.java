package dev.portscope.api;

import java.util.List;
import java.util.Optional;

/**
 * What {@link PortScope#audit(AuditPolicy)} found, as {@code portscope audit} reports it.
 *
 * {@snippet :
 * AuditResult result = scope.audit(AuditPolicy.read(Path.of("ports.yaml")));
 * if (result.worst().isPresent() || !result.complete()) {
 *     result.findings().forEach(f -> System.err.println(f.message()));
 * }
 * }
 *
 * @param findings most severe first, then by rule and port
 * @param notes    what kept the inspection from being complete; one line each
 * @param complete false when the inspection was incomplete: then no finding proves nothing
 */
public record AuditResult(List<AuditFinding> findings, List<String> notes, boolean complete) {

    public AuditResult {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /** The most severe finding's severity; empty when there is none. */
    public Optional<Severity> worst() {
        return findings.stream().map(AuditFinding::severity).max(Enum::compareTo);
    }
}
