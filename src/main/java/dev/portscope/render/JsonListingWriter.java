package dev.portscope.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.ProcessInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

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
        json.writeStartObject();
        JsonSocketFields.writeSocket(json, row.socket(), context);
        if (context.withOwners()) {
            json.writeArrayFieldStart("processes");
            for (ProcessInfo p : row.owners()) {
                json.writeStartObject();
                JsonSocketFields.writeProcess(json, p);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    @Override
    public void end(List<Diagnostic> diagnostics, boolean partial) {
        try {
            json.writeEndArray();
            JsonSocketFields.writeDiagnostics(json, diagnostics);
            json.writeEndObject();
            json.writeRaw('\n');
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
