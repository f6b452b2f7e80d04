package dev.portscope.render;

import dev.portscope.analysis.health.HealthFinding;
import dev.portscope.analysis.health.HealthReport;
import dev.portscope.model.Diagnostic;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** {@code portscope health --json}: findings with evidence, cause and action; socket counts; counter changes (README). */
public final class HealthJsonWriter {

    private final Writer out;
    private final JsonEnvelope envelope;

    public HealthJsonWriter(Writer out, JsonEnvelope envelope) {
        this.out = out;
        this.envelope = envelope;
    }

    public void write(HealthReport report, List<Diagnostic> diagnostics) {
        JsonDocument.write(out, JsonFormat.HEALTH, envelope, diagnostics, json -> {
            json.writeStringField("worst", report.worst() == null ? "ok" : report.worst().label());
            json.writeObjectFieldStart("tcpStates");
            for (Map.Entry<String, Long> e : report.states().entrySet()) {
                json.writeNumberField(e.getKey(), e.getValue());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("counters");
            json.writeStringField("period", !report.countersRead() ? null
                    : report.counterPeriod() == null ? "since boot" : report.counterPeriod());
            for (Map.Entry<String, OptionalLong> e : report.counterDeltas().entrySet()) {
                if (e.getValue().isPresent()) {
                    json.writeNumberField(e.getKey(), e.getValue().getAsLong());
                } else {
                    json.writeNullField(e.getKey()); // unknown: this kernel lacks it, or it went down since the last run
                }
            }
            json.writeEndObject();
            json.writeArrayFieldStart("assumedSettings");
            for (String name : report.assumedSettings()) {
                json.writeString(name);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("findings");
            for (HealthFinding f : report.findings()) {
                json.writeStartObject();
                json.writeStringField("check", f.check());
                json.writeStringField("severity", f.level().label());
                json.writeStringField("what", f.what());
                json.writeArrayFieldStart("evidence");
                for (String line : f.evidence()) {
                    json.writeString(line);
                }
                json.writeEndArray();
                json.writeStringField("cause", f.cause());
                json.writeStringField("action", f.action());
                JsonSocketFields.writeProcesses(json, f.processes());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }
}
