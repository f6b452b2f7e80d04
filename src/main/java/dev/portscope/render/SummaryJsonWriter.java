package dev.portscope.render;

import dev.portscope.model.AddressText;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.analysis.summary.Count;
import dev.portscope.analysis.summary.SocketSummary;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.ProcessInfo;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** {@code portscope summary --json} (layout in the README). */
public final class SummaryJsonWriter {

    private SummaryJsonWriter() {}

    public static void write(Writer out, SocketSummary s, JsonEnvelope envelope, List<Diagnostic> diagnostics) {
        JsonDocument.write(out, JsonFormat.SUMMARY, envelope, diagnostics, json -> {
            json.writeNumberField("total", s.total());
            json.writeObjectFieldStart("protocols");
            for (var p : s.byProtocolFamily().entrySet()) {
                json.writeObjectFieldStart(p.getKey().label());
                for (var f : p.getValue().entrySet()) {
                    json.writeNumberField(f.getKey().label(), f.getValue());
                }
                json.writeObjectFieldStart("states");
                for (var st : s.byState().getOrDefault(p.getKey(), java.util.Map.of()).entrySet()) {
                    json.writeNumberField(st.getKey().name(), st.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndObject();
            processes(json, "topProcesses", s.topProcesses());
            processes(json, "closeWaitByProcess", s.closeWaitByProcess());
            json.writeArrayFieldStart("topRemotes");
            for (var c : s.topRemotes()) {
                json.writeStartObject();
                json.writeStringField("address", AddressText.of(c.key()));
                json.writeNumberField("connections", c.count());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("unowned", s.unowned());
        });
    }

    private static void processes(JsonGenerator json, String field, List<Count<ProcessInfo>> counts) throws IOException {
        json.writeArrayFieldStart(field);
        for (var c : counts) {
            json.writeStartObject();
            JsonSocketFields.writeProcess(json, c.key());
            json.writeNumberField("sockets", c.count());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
