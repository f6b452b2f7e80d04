package dev.portscope.render;

import dev.portscope.model.Diagnostic;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/history} of {@code portscope serve}: TCP sockets per state at each collection
 * of the last minutes, oldest first, for the page's chart:
 * {@code {"format": "portscope-history", …, "points": [{"time", "states": {"ESTABLISHED": n, …}}], …}}.
 */
public final class StateHistoryJsonWriter {

    /** The counts of one collection. */
    public record Point(Instant time, Map<String, Long> states) {
        public Point {
            states = Map.copyOf(states);
        }
    }

    private StateHistoryJsonWriter() {}

    public static void write(Writer out, JsonEnvelope envelope, List<Point> points, List<Diagnostic> diagnostics) {
        JsonDocument.write(out, JsonFormat.HISTORY, envelope, diagnostics, json -> {
            json.writeArrayFieldStart("points");
            for (Point p : points) {
                json.writeStartObject();
                json.writeStringField("time", p.time().toString());
                json.writeObjectFieldStart("states");
                for (var e : new java.util.TreeMap<>(p.states()).entrySet()) {
                    json.writeNumberField(e.getKey(), e.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }
}
