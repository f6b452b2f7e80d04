package dev.portscope.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.analysis.audit.Baseline;
import dev.portscope.analysis.audit.BaselineListener;
import dev.portscope.analysis.audit.ListenerChange;
import dev.portscope.model.Diagnostic;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code portscope diff --json} ({@code "format": "portscope-diff"}): the baseline compared with,
 * then one object per change with the listener before and now, each as {@code snapshot save}
 * writes listeners (README).
 */
public final class BaselineDiffJsonWriter {

    private BaselineDiffJsonWriter() {}

    public static void write(Writer out, Baseline before, List<ListenerChange> changes, JsonEnvelope envelope, List<Diagnostic> diagnostics) {
        JsonDocument.write(out, JsonFormat.DIFF, envelope, diagnostics, json -> {
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
        });
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
