package dev.portscope.render;

import dev.portscope.analysis.audit.AuditReport;
import dev.portscope.analysis.audit.Finding;
import dev.portscope.analysis.audit.Severity;
import dev.portscope.model.NamespaceIndex;
import java.io.Writer;

/** {@code portscope audit --json} (layout in the README). */
public final class AuditJsonWriter {

    private AuditJsonWriter() {}

    public static void write(Writer out, AuditReport report, JsonEnvelope envelope) {
        write(out, report, envelope, NamespaceIndex.NONE);
    }

    /** As {@link #write(Writer, AuditReport, JsonEnvelope)}, with each finding's {@code namespace} and {@code container} when there are several ({@code -A}). */
    public static void write(Writer out, AuditReport report, JsonEnvelope envelope, NamespaceIndex namespaces) {
        JsonDocument.write(out, JsonFormat.AUDIT, envelope, report.diagnostics(), json -> {
            json.writeObjectFieldStart("counts");
            json.writeNumberField("critical", report.count(Severity.CRITICAL));
            json.writeNumberField("warning", report.count(Severity.WARNING));
            json.writeEndObject();
            json.writeArrayFieldStart("findings");
            for (Finding f : report.findings()) {
                json.writeStartObject();
                json.writeStringField("ruleId", f.rule().id());
                json.writeStringField("severity", f.severity().label());
                json.writeStringField("message", f.message());
                json.writeStringField("why", f.rule().title());
                json.writeStringField("fix", f.rule().fix());
                AuditJsonFields.writeSubject(json, f);
                if (namespaces.multiple() && f.socket() != null) {
                    JsonSocketFields.writeNamespace(json, namespaces.of(f.socket()));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }
}
