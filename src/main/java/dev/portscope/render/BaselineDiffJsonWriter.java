package dev.portscope.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.analysis.audit.Baseline;
import dev.portscope.analysis.audit.BaselineListener;
import dev.portscope.analysis.audit.ListenerChange;
import dev.portscope.model.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * {@code portscope diff --json} ({@code "format": "portscope-diff"}): the baseline compared with,
 * then one object per change with the listener before and now, each as {@code snapshot save}
 * writes listeners (README).
 */
public final class BaselineDiffJsonWriter {

    public static final int FORMAT_VERSION = 1;

    private BaselineDiffJsonWriter() {}

    public static void write(Writer out, Baseline before, List<ListenerChange> changes, String host, Instant time,
            List<Diagnostic> diagnostics, String generator) {
        try (JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeStringField("format", "portscope-diff");
            json.writeNumberField("version", FORMAT_VERSION);
            json.writeStringField("generator", generator);
            json.writeStringField("host", host);
            json.writeStringField("time", time.toString());
            json.writeObjectFieldStart("baseline");
            json.writeStringField("host", before.host());
            json.writeStringField("time", before.time().toString());
            json.writeEndObject();
            json.writeBooleanField("changed", !changes.isEmpty());
            json.writeArrayFieldStart("changes");
            for (ListenerChange c : changes) {
                json.writeStartObject();
                json.writeStringField("change", JsonNames.of(c.kind()));
                json.writeStringField("protocol", c.listener().protocol().label());
                json.writeNumberField("port", c.listener().port());
                listener(json, "before", c.before());
                listener(json, "now", c.now());
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

    private static void listener(JsonGenerator json, String field, BaselineListener l) throws IOException {
        json.writeFieldName(field);
        if (l == null) {
            json.writeNull();
        } else {
            BaselineJsonWriter.writeListener(json, l);
        }
    }
}
