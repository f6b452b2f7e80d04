package dev.portscope.render;

import dev.portscope.model.PortForward;
import dev.portscope.model.AddressText;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.analysis.why.BindReport;
import dev.portscope.analysis.why.BindRequest;
import dev.portscope.analysis.why.Blocker;
import dev.portscope.analysis.why.OwnedSocket;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.Socket;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** {@code portscope why --json}: the bind asked about, the blockers with their sockets and owners, the verdict (README). */
public final class WhyJsonWriter {

    private final Writer out;
    private final ListingContext context;
    private final JsonEnvelope envelope;
    private final List<PortForward> published;

    public WhyJsonWriter(Writer out, ListingContext context, JsonEnvelope envelope) {
        this(out, context, envelope, List.of());
    }

    /** @param published the NAT rules publishing the port (they do not block the bind; the notes say what they do) */
    public WhyJsonWriter(Writer out, ListingContext context, JsonEnvelope envelope, List<PortForward> published) {
        this.out = out;
        this.context = context;
        this.envelope = envelope;
        this.published = List.copyOf(published);
    }

    public void write(BindReport report, List<Diagnostic> diagnostics) {
        JsonDocument.write(out, JsonFormat.WHY, envelope, diagnostics, json -> {
            writeRequest(json, report.request());
            json.writeStringField("verdict", report.verdict().label());
            json.writeBooleanField("bindable", report.verdict() == dev.portscope.analysis.why.BindVerdict.FREE);
            json.writeArrayFieldStart("blockers");
            for (Blocker b : report.blockers()) {
                json.writeStartObject();
                json.writeStringField("kind", JsonNames.of(b.kind()));
                json.writeBooleanField("certain", b.certain());
                json.writeStringField("liftedBy", b.liftedBy());
                json.writeStringField("explanation", b.explanation());
                writeSockets(json, "sockets", b.sockets());
                JsonSocketFields.writeProcesses(json, b.owners());
                json.writeEndObject();
            }
            json.writeEndArray();
            writeOwned(json, "bystanders", report.bystanders());
            writeOwned(json, "otherNamespaces", report.foreign());
            json.writeArrayFieldStart("published");
            for (PortForward f : published) {
                PublishedPortsText.writeJson(json, f);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("notes");
            for (String caution : report.cautions()) {
                json.writeString(caution);
            }
            json.writeEndArray();
            if (report.trial() != null) {
                json.writeObjectFieldStart("trial");
                json.writeBooleanField("succeeded", report.trial().succeeded());
                json.writeStringField("failedCall", report.trial().step());
                json.writeNumberField("errno", report.trial().errno());
                json.writeStringField("error", report.trial().error());
                json.writeEndObject();
            }
            json.writeStringField("nextStep", report.nextStep());
        });
    }

    private static void writeRequest(JsonGenerator json, BindRequest r) throws IOException {
        json.writeObjectFieldStart("request");
        json.writeStringField("protocol", r.protocol().label());
        json.writeStringField("address", AddressText.of(r.address(), r.family()));
        json.writeNumberField("port", r.port());
        json.writeBooleanField("v6Only", r.v6Only());
        json.writeBooleanField("reuseAddress", r.reuseAddress());
        json.writeBooleanField("reusePort", r.reusePort());
        json.writeNumberField("uid", r.uid());
        json.writeStringField("user", r.user());
        json.writeBooleanField("mayBindPrivileged", r.mayBindPrivileged());
        json.writeEndObject();
    }

    private void writeOwned(JsonGenerator json, String name, List<OwnedSocket> held) throws IOException {
        json.writeArrayFieldStart(name);
        for (OwnedSocket h : held) {
            json.writeStartObject();
            json.writeObjectFieldStart("socket");
            JsonSocketFields.writeSocket(json, h.socket(), context);
            json.writeEndObject();
            JsonSocketFields.writeProcesses(json, h.owners());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void writeSockets(JsonGenerator json, String name, List<Socket> sockets) throws IOException {
        json.writeArrayFieldStart(name);
        for (Socket s : sockets) {
            json.writeStartObject();
            JsonSocketFields.writeSocket(json, s, context);
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
