package dev.portscope.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.analysis.audit.AuditReport;
import dev.portscope.analysis.audit.Finding;
import dev.portscope.analysis.audit.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;

/** {@code portscope audit --json} (layout in the README). */
public final class AuditJsonWriter {

    public static final int FORMAT_VERSION = 1;

    private AuditJsonWriter() {}

    public static void write(Writer out, AuditReport report, String host, Instant time, String generator) {
        try (JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeStringField("format", "portscope-audit");
            json.writeNumberField("version", FORMAT_VERSION);
            json.writeStringField("generator", generator);
            json.writeStringField("host", host);
            json.writeStringField("time", time.toString());
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
                json.writeEndObject();
            }
            json.writeEndArray();
            JsonSocketFields.writeDiagnostics(json, report.diagnostics());
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
