package dev.portscope.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.analysis.audit.Baseline;
import dev.portscope.analysis.audit.BaselineListener;
import dev.portscope.analysis.audit.BaselineParser;
import dev.portscope.model.AddressText;
import dev.portscope.model.Diagnostic;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** {@code portscope snapshot save}: a baseline as JSON, read back by {@link BaselineParser}. */
public final class BaselineJsonWriter {

    private BaselineJsonWriter() {}

    /** The baseline of {@code baseline.host()} at {@code baseline.time()}; {@code diagnostics} say what it may lack. */
    public static void write(Writer out, Baseline baseline, String generator, List<Diagnostic> diagnostics) {
        var envelope = new JsonEnvelope(generator, baseline.time(), baseline.host());
        JsonDocument.write(out, JsonFormat.BASELINE, envelope, diagnostics, json -> {
            json.writeArrayFieldStart("listeners");
            for (BaselineListener l : baseline.listeners()) {
                writeListener(json, l);
            }
            json.writeEndArray();
        });
    }

    /** One listener as an object (shared with {@code diff --json}). */
    static void writeListener(JsonGenerator json, BaselineListener l) throws IOException {
        json.writeStartObject();
        json.writeStringField("protocol", l.protocol().label());
        json.writeNumberField("port", l.port());
        json.writeStringField("exposure", AuditJsonFields.exposure(l.exposure()));
        if (l.namespace() != null) {
            json.writeStringField("namespace", l.namespace());
        }
        strings(json, "addresses", l.addresses().stream().map(AddressText::of).toList());
        strings(json, "processes", l.processes());
        strings(json, "users", l.users());
        json.writeArrayFieldStart("pids");
        for (int pid : l.pids()) {
            json.writeNumber(pid);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }
}
