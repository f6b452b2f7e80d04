package dev.portscope.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.model.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * One JSON document, as every writer of portscope makes it (SARIF excepted, which has its own
 * standard layout): pretty-printed, opening with {@code format}, {@code version}, {@code generator},
 * {@code time} and {@code host}, closing with {@code diagnostics} and {@code partial}, then a newline.
 * The writer given stays open. Writers stream their body through {@link #json()} between
 * {@link #begin} and {@link #end}, or hand it to {@link #write} whole.
 */
final class JsonDocument {

    /** A document's own fields, between its header and its footer. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private final JsonGenerator json;

    private JsonDocument(JsonGenerator json) {
        this.json = json;
    }

    /** Writes the whole document: header, {@code body}, footer. */
    static void write(Writer out, JsonFormat format, JsonEnvelope envelope, List<Diagnostic> diagnostics, Body body) {
        JsonDocument document = begin(out, format, envelope);
        try {
            body.write(document.json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        document.end(diagnostics);
    }

    /** Opens the document and writes its header; the body follows through {@link #json()}. */
    static JsonDocument begin(Writer out, JsonFormat format, JsonEnvelope envelope) {
        try {
            JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeStringField("format", format.label());
            json.writeNumberField("version", format.version());
            json.writeStringField("generator", envelope.generator());
            json.writeStringField("time", envelope.time().toString());
            json.writeStringField("host", envelope.host());
            return new JsonDocument(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonGenerator json() {
        return json;
    }

    /**
     * Writes the footer and closes the document: {@code diagnostics} (kind and message of each) and
     * {@code partial}, true when a diagnostic means part of the answer is missing.
     */
    void end(List<Diagnostic> diagnostics) {
        try {
            json.writeArrayFieldStart("diagnostics");
            boolean partial = false;
            for (Diagnostic d : diagnostics) {
                json.writeStartObject();
                json.writeStringField("kind", JsonNames.of(d.kind()));
                json.writeStringField("message", d.message());
                json.writeEndObject();
                partial |= d.kind().partial();
            }
            json.writeEndArray();
            json.writeBooleanField("partial", partial);
            json.writeEndObject();
            json.writeRaw('\n');
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
