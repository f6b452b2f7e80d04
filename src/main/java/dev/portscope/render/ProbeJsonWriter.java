package dev.portscope.render;

import dev.portscope.model.AddressText;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.analysis.probe.ProbeResult;
import dev.portscope.analysis.probe.TlsInfo;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.ProcessInfo;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** {@code portscope probe --json} ({@code "format": "portscope-probe"}): one object per probed port (README). */
public final class ProbeJsonWriter {

    private ProbeJsonWriter() {}

    public static void write(Writer out, List<ProbeResult> results, JsonEnvelope envelope, List<Diagnostic> diagnostics) {
        JsonDocument.write(out, JsonFormat.PROBE, envelope, diagnostics, json -> {
            json.writeArrayFieldStart("probes");
            for (ProbeResult r : results) {
                json.writeStartObject();
                json.writeNumberField("port", r.target().port());
                json.writeStringField("protocol", r.target().protocol().label());
                json.writeStringField("address", AddressText.of(r.target().address().getAddress()));
                json.writeArrayFieldStart("processes");
                for (ProcessInfo p : r.target().owners()) {
                    json.writeStartObject();
                    json.writeNumberField("pid", p.pid());
                    json.writeStringField("name", p.name());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeStringField("service", r.service().map(s -> s.name()).orElse(null));
                writeDetection(json, r);
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /**
     * {@code detected}, {@code evidence}, {@code timedOut}, {@code tls}, {@code mismatch} and {@code note},
     * into the current object (shared with scan and check).
     */
    static void writeDetection(JsonGenerator json, ProbeResult r) throws IOException {
        json.writeStringField("detected", r.detection().protocol().label());
        json.writeStringField("evidence", r.detection().evidence());
        json.writeBooleanField("timedOut", r.detection().timedOut());
        if (r.detection().tls().isPresent()) {
            TlsInfo t = r.detection().tls().get();
            json.writeObjectFieldStart("tls");
            json.writeStringField("version", t.version());
            json.writeStringField("cipher", t.cipher());
            json.writeStringField("subject", t.subject());
            json.writeStringField("issuer", t.issuer());
            json.writeStringField("notAfter", t.notAfter() == null ? null : t.notAfter().toString());
            json.writeEndObject();
        } else {
            json.writeNullField("tls");
        }
        json.writeStringField("mismatch", r.mismatch().orElse(null));
        json.writeStringField("note", r.note().orElse(null));
    }
}
