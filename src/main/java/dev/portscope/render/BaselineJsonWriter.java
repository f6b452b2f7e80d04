package dev.portscope.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.analysis.audit.Baseline;
import dev.portscope.analysis.audit.BaselineListener;
import dev.portscope.analysis.audit.BaselineParser;
import dev.portscope.model.AddressText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** {@code portscope snapshot save}: a baseline as JSON, read back by {@link BaselineParser}. */
public final class BaselineJsonWriter {

    private BaselineJsonWriter() {}

    public static void write(Writer out, Baseline baseline, String generator) {
        try (JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeStringField("format", BaselineParser.FORMAT);
            json.writeNumberField("version", BaselineParser.FORMAT_VERSION);
            json.writeStringField("generator", generator);
            json.writeStringField("host", baseline.host());
            json.writeStringField("time", baseline.time().toString());
            json.writeArrayFieldStart("listeners");
            for (BaselineListener l : baseline.listeners()) {
                writeListener(json, l);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One listener as an object (shared with {@code diff --json}). */
    static void writeListener(JsonGenerator json, BaselineListener l) throws IOException {
        json.writeStartObject();
        json.writeStringField("protocol", l.protocol().label());
        json.writeNumberField("port", l.port());
        json.writeStringField("exposure", AuditJsonFields.exposure(l.exposure()));
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

    private static void strings(JsonGenerator json, String field, java.util.List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }
}
