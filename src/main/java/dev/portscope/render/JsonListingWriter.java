package dev.portscope.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.Endpoint;
import dev.portscope.model.Exposure;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketDetails;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The JSON listing, written as a stream. Its layout is a versioned contract documented in the
 * README: fields are only ever added within one {@link #FORMAT_VERSION}.
 */
public final class JsonListingWriter implements ListingWriter {

    public static final int FORMAT_VERSION = 1;

    private final JsonGenerator json;
    private final ListingContext context;
    private final String generator;

    public JsonListingWriter(Writer out, ListingContext context, String generator) {
        try {
            this.json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.context = context;
        this.generator = generator;
    }

    @Override
    public void begin(ListingHeader header) {
        try {
            json.writeStartObject();
            json.writeStringField("format", "portscope-listing");
            json.writeNumberField("version", FORMAT_VERSION);
            json.writeStringField("generator", generator);
            json.writeStringField("view", header.view().label());
            json.writeStringField("time", header.time().toString());
            json.writeStringField("host", header.host());
            json.writeStringField("backend", header.backend());
            json.writeArrayFieldStart("sockets");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void row(ListingRow row) {
        try {
            writeSocket(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeSocket(ListingRow row) throws IOException {
        Socket s = row.socket();
        json.writeStartObject();
        json.writeStringField("protocol", s.protocol().label());
        json.writeStringField("family", s.family().label());
        json.writeStringField("state", s.state().name());
        json.writeBooleanField("listening", s.isListening());
        writeEndpoint("local", s.local(), s);
        writeEndpoint("remote", s.remote(), s);
        var service = context.services().lookup(s.protocol(), s.local().port());
        if (service.isPresent()) {
            json.writeObjectFieldStart("service");
            json.writeStringField("name", service.get().name());
            json.writeStringField("description", service.get().description());
            json.writeEndObject();
        } else {
            json.writeNullField("service");
        }
        json.writeStringField("exposure", Exposure.of(s.local().address()).name().toLowerCase(Locale.ROOT).replace('_', '-'));
        json.writeNumberField("uid", s.uid());
        json.writeStringField("user", context.userNames().apply(s.uid()));
        json.writeNumberField("inode", s.inode());
        json.writeNumberField("receiveQueue", s.receiveQueue());
        json.writeNumberField("sendQueue", s.sendQueue());
        if (s.netns() != 0) {
            json.writeNumberField("netns", s.netns());
        } else {
            json.writeNullField("netns");
        }
        if (context.withOwners()) {
            json.writeArrayFieldStart("processes");
            for (ProcessInfo p : row.owners()) {
                writeProcess(p);
            }
            json.writeEndArray();
        }
        writeDetails(s.details());
        json.writeEndObject();
    }

    private void writeEndpoint(String name, Endpoint endpoint, Socket s) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeStringField("address", AddressText.of(endpoint.address(), s.family()));
        json.writeNumberField("port", endpoint.port());
        json.writeEndObject();
    }

    private void writeProcess(ProcessInfo p) throws IOException {
        json.writeStartObject();
        json.writeNumberField("pid", p.pid());
        json.writeNumberField("parentPid", p.parentPid());
        json.writeStringField("name", p.name());
        json.writeArrayFieldStart("commandLine");
        for (String arg : p.commandLine()) {
            json.writeString(arg);
        }
        json.writeEndArray();
        json.writeNumberField("uid", p.uid());
        json.writeStringField("user", p.user());
        if (p.startTime() != null) {
            json.writeStringField("startTime", p.startTime().toString());
        } else {
            json.writeNullField("startTime");
        }
        json.writeEndObject();
    }

    private void writeDetails(SocketDetails details) throws IOException {
        if (details == null) {
            return;
        }
        if (details.v6Only() != null) {
            json.writeBooleanField("v6Only", details.v6Only());
        }
        if (details.tcpInfo() != null) {
            var t = details.tcpInfo();
            json.writeObjectFieldStart("tcpInfo");
            json.writeNumberField("rttMicros", t.rttMicros());
            json.writeNumberField("rttVarMicros", t.rttVarMicros());
            json.writeNumberField("retransmits", t.retransmits());
            json.writeNumberField("totalRetransmits", t.totalRetransmits());
            json.writeNumberField("congestionWindow", t.congestionWindow());
            json.writeNumberField("bytesAcked", t.bytesAcked());
            json.writeNumberField("bytesReceived", t.bytesReceived());
            json.writeNumberField("lastSendMillis", t.lastSendMillis());
            json.writeNumberField("lastReceiveMillis", t.lastReceiveMillis());
            json.writeEndObject();
        }
        if (details.memory() != null) {
            var m = details.memory();
            json.writeObjectFieldStart("memory");
            json.writeNumberField("receiveAllocated", m.receiveAllocated());
            json.writeNumberField("receiveBuffer", m.receiveBuffer());
            json.writeNumberField("sendAllocated", m.sendAllocated());
            json.writeNumberField("sendBuffer", m.sendBuffer());
            json.writeEndObject();
        }
    }

    @Override
    public void end(List<Diagnostic> diagnostics, boolean partial) {
        try {
            json.writeEndArray();
            json.writeArrayFieldStart("diagnostics");
            for (Diagnostic d : diagnostics) {
                json.writeStartObject();
                json.writeStringField("kind", d.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                json.writeStringField("message", d.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeBooleanField("partial", partial);
            json.writeEndObject();
            json.writeRaw('\n');
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
