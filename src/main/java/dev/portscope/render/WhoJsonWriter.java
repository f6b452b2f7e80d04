package dev.portscope.render;

import dev.portscope.model.AddressText;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.analysis.who.Holding;
import dev.portscope.analysis.who.PortReport;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Container;
import dev.portscope.model.ProcessOrigin;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.Map;

/** {@code portscope who --json}: the port, whether it is held, and every socket involving it (README). */
public final class WhoJsonWriter {

    private final Writer out;
    private final ListingContext context;
    private final Map<Integer, ProcessOrigin> origins;
    private final JsonEnvelope envelope;

    /** Uptimes are counted up to the envelope's time. */
    public WhoJsonWriter(Writer out, ListingContext context, Map<Integer, ProcessOrigin> origins, JsonEnvelope envelope) {
        this.out = out;
        this.context = context;
        this.origins = origins;
        this.envelope = envelope;
    }

    public void write(PortReport report, java.util.List<dev.portscope.model.Diagnostic> diagnostics) {
        JsonDocument.write(out, JsonFormat.WHO, envelope, diagnostics, json -> {
            json.writeObjectFieldStart("target");
            json.writeNumberField("port", report.target().port());
            json.writeStringField("protocol", report.target().protocol().map(p -> p.label()).orElse(null));
            json.writeStringField("address", report.target().address().map(AddressText::of).orElse(null));
            json.writeEndObject();
            if (report.maybeHeld()) {
                json.writeNullField("held"); // it hangs on an IPV6_V6ONLY flag that was not reported
            } else {
                json.writeBooleanField("held", report.held());
            }
            json.writeArrayFieldStart("holdings");
            for (Holding h : report.holdings()) {
                json.writeStartObject();
                json.writeStringField("role", JsonNames.of(h.role()));
                json.writeBooleanField("certain", h.certain());
                json.writeObjectFieldStart("socket");
                JsonSocketFields.writeSocket(json, h.socket(), context);
                json.writeEndObject();
                json.writeArrayFieldStart("processes");
                for (ProcessInfo p : h.owners()) {
                    writeProcess(json, p);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private void writeProcess(JsonGenerator json, ProcessInfo p) throws IOException {
        json.writeStartObject();
        JsonSocketFields.writeProcess(json, p);
        if (p.startTime() != null) {
            json.writeNumberField("uptimeSeconds", Math.max(0, Duration.between(p.startTime(), envelope.time()).toSeconds()));
        }
        ProcessOrigin origin = origins.getOrDefault(p.pid(), ProcessOrigin.NONE);
        json.writeStringField("systemdUnit", origin.systemdUnit());
        json.writeBooleanField("userUnit", origin.userUnit());
        Container container = origin.container();
        json.writeStringField("containerId", container == null ? null : container.id());
        json.writeStringField("containerRuntime", container == null ? null : container.runtime());
        json.writeStringField("containerName", container == null ? null : container.name());
        json.writeStringField("pod", container == null ? null : container.pod());
        json.writeEndObject();
    }
}
