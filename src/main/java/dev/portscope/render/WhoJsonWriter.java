package dev.portscope.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.analysis.who.Holding;
import dev.portscope.analysis.who.PortReport;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** {@code portscope who --json}: the port, whether it is held, and every socket involving it (README). */
public final class WhoJsonWriter {

    public static final int FORMAT_VERSION = 1;

    private final Writer out;
    private final ListingContext context;
    private final Map<Integer, ProcessOrigin> origins;
    private final Instant now;
    private final String generator;

    public WhoJsonWriter(Writer out, ListingContext context, Map<Integer, ProcessOrigin> origins, Instant now, String generator) {
        this.out = out;
        this.context = context;
        this.origins = origins;
        this.now = now;
        this.generator = generator;
    }

    public void write(PortReport report, java.util.List<dev.portscope.model.Diagnostic> diagnostics) {
        try (JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            JsonSocketFields.writeHeader(json, "portscope-who", FORMAT_VERSION, generator, now);
            json.writeObjectFieldStart("target");
            json.writeNumberField("port", report.target().port());
            json.writeStringField("protocol", report.target().protocol().map(p -> p.label()).orElse(null));
            json.writeStringField("address", report.target().address().map(a -> a.getHostAddress()).orElse(null));
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
            JsonSocketFields.writeDiagnostics(json, diagnostics);
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeProcess(JsonGenerator json, ProcessInfo p) throws IOException {
        json.writeStartObject();
        JsonSocketFields.writeProcess(json, p);
        if (p.startTime() != null) {
            json.writeNumberField("uptimeSeconds", Math.max(0, Duration.between(p.startTime(), now).toSeconds()));
        }
        ProcessOrigin origin = origins.getOrDefault(p.pid(), ProcessOrigin.NONE);
        json.writeStringField("systemdUnit", origin.systemdUnit());
        json.writeBooleanField("userUnit", origin.userUnit());
        json.writeStringField("containerId", origin.containerId());
        json.writeStringField("containerRuntime", origin.runtime());
        json.writeEndObject();
    }
}
