package dev.portscope.render;

import dev.portscope.model.AddressText;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.analysis.forward.Forwarding;
import dev.portscope.analysis.who.Holding;
import dev.portscope.analysis.who.PortReport;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Container;
import dev.portscope.model.PortForward;
import dev.portscope.model.ProcessOrigin;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code portscope who --json}: the port, whether it is held, and every socket involving it (README). */
public final class WhoJsonWriter {

    private final Writer out;
    private final ListingContext context;
    private final Map<Integer, ProcessOrigin> origins;
    private final JsonEnvelope envelope;
    private final Map<Integer, Forwarding> proxies;
    private final List<Forwarding> published;

    /** Uptimes are counted up to the envelope's time. */
    public WhoJsonWriter(Writer out, ListingContext context, Map<Integer, ProcessOrigin> origins, JsonEnvelope envelope) {
        this(out, context, origins, envelope, Map.of(), List.of());
    }

    /**
     * @param proxies   by a forwarding process's pid ({@code docker-proxy}), where it forwards to
     * @param published the NAT rules that publish the port, and where they lead
     */
    public WhoJsonWriter(Writer out, ListingContext context, Map<Integer, ProcessOrigin> origins, JsonEnvelope envelope,
            Map<Integer, Forwarding> proxies, List<Forwarding> published) {
        this.out = out;
        this.context = context;
        this.origins = origins;
        this.envelope = envelope;
        this.proxies = proxies;
        this.published = published;
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
            json.writeArrayFieldStart("published");
            for (Forwarding f : published) {
                json.writeStartObject();
                writeForwarding(json, f);
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /** A forward's rule or command, its target, and the listeners there with their holders. */
    private void writeForwarding(JsonGenerator json, Forwarding f) throws IOException {
        PortForward rule = f.forward();
        json.writeStringField("protocol", rule.protocol().label());
        json.writeStringField("destination", rule.destination());
        json.writeNumberField("port", rule.port());
        json.writeStringField("targetAddress", AddressText.of(rule.target()));
        json.writeNumberField("targetPort", rule.effectiveTargetPort());
        json.writeStringField("by", rule.by());
        json.writeStringField("targetNetns", f.namespace());
        json.writeArrayFieldStart("targets");
        for (Forwarding.Target t : f.targets()) {
            json.writeStartObject();
            json.writeObjectFieldStart("socket");
            JsonSocketFields.writeSocket(json, t.socket(), context);
            json.writeEndObject();
            json.writeArrayFieldStart("processes");
            for (ProcessInfo p : t.owners()) {
                writeProcess(json, p);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
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
        Forwarding forwarding = proxies.get(p.pid());
        if (forwarding != null) {
            json.writeObjectFieldStart("forwardsTo");
            writeForwarding(json, forwarding);
            json.writeEndObject();
        }
        json.writeEndObject();
    }
}
