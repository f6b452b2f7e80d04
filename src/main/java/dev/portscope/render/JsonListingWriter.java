package dev.portscope.render;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.PortForward;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * The JSON listing ({@link JsonFormat#LISTING}), written as a stream: each socket as the kernel
 * hands it over. Its layout is a versioned contract documented in the README.
 */
public final class JsonListingWriter implements ListingWriter {

    private final Writer out;
    private final ListingContext context;
    private final String generator;
    private JsonDocument document;
    private List<PortForward> published;

    public JsonListingWriter(Writer out, ListingContext context, String generator) {
        this.out = out;
        this.context = context;
        this.generator = generator;
    }

    @Override
    public void begin(ListingHeader header) {
        document = JsonDocument.begin(out, JsonFormat.LISTING, new JsonEnvelope(generator, header.time(), header.host()));
        try {
            document.json().writeStringField("view", header.view().label());
            document.json().writeStringField("backend", header.backend());
            document.json().writeArrayFieldStart("sockets");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void row(ListingRow row) {
        try {
            var json = document.json();
            json.writeStartObject();
            JsonSocketFields.writeSocket(json, row.socket(), context);
            if (context.withOwners()) {
                JsonSocketFields.writeProcesses(json, row.owners());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written after the sockets, as {@code "published"}. */
    @Override
    public boolean published(List<PortForward> forwards) {
        this.published = List.copyOf(forwards);
        return true;
    }

    @Override
    public void end(List<Diagnostic> diagnostics, boolean partial) {
        try {
            document.json().writeEndArray();
            if (published != null) {
                document.json().writeArrayFieldStart("published");
                for (PortForward f : published) {
                    PublishedPortsText.writeJson(document.json(), f);
                }
                document.json().writeEndArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        document.end(diagnostics);
    }
}
