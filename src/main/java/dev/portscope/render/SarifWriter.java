package dev.portscope.render;

import dev.portscope.model.AddressText;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.analysis.audit.AuditReport;
import dev.portscope.analysis.audit.DefaultRules;
import dev.portscope.analysis.audit.Finding;
import dev.portscope.analysis.audit.RuleInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code portscope audit --sarif}: SARIF 2.1.0 (OASIS, sarif-v2.1.0-os). A finding has no source
 * file, so its location is logical (§3.33): the socket as {@code host/tcp/address:port}; the
 * machine itself for findings without a socket.
 */
public final class SarifWriter {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final String INFORMATION_URI = "https://github.com/portscope/portscope";
    /** A logical location needs a name: what stands for a machine a recording does not name. */
    static final String UNKNOWN_HOST = "unknown-host";

    private SarifWriter() {}

    public static void write(Writer out, AuditReport report, String host, String version) {
        List<RuleInfo> rules = DefaultRules.ALL_INFO;
        try (JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA);
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            json.writeStartObject();
            json.writeObjectFieldStart("tool");
            json.writeObjectFieldStart("driver");
            json.writeStringField("name", "portscope");
            json.writeStringField("version", version);
            json.writeStringField("informationUri", INFORMATION_URI);
            json.writeArrayFieldStart("rules");
            for (RuleInfo r : rules) {
                json.writeStartObject();
                json.writeStringField("id", r.id());
                text(json, "shortDescription", r.title());
                text(json, "help", r.fix());
                json.writeObjectFieldStart("defaultConfiguration");
                json.writeStringField("level", r.severity().sarifLevel());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
            json.writeArrayFieldStart("results");
            for (Finding f : report.findings()) {
                json.writeStartObject();
                json.writeStringField("ruleId", f.rule().id());
                json.writeNumberField("ruleIndex", rules.indexOf(f.rule()));
                json.writeStringField("level", f.severity().sarifLevel());
                text(json, "message", f.message());
                json.writeArrayFieldStart("locations");
                json.writeStartObject();
                json.writeArrayFieldStart("logicalLocations");
                json.writeStartObject();
                if (f.socket() == null) {
                    json.writeStringField("name", host == null ? UNKNOWN_HOST : host);
                    json.writeStringField("kind", "module");
                } else {
                    String endpoint = AddressText.endpoint(f.socket().local(), f.socket().family());
                    json.writeStringField("name", f.socket().protocol().label() + "/" + endpoint);
                    json.writeStringField("fullyQualifiedName", (host == null ? UNKNOWN_HOST : host) + "/" + f.socket().protocol().label() + "/" + endpoint);
                    json.writeStringField("kind", "resource");
                }
                json.writeEndObject();
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndArray();
                json.writeObjectFieldStart("properties");
                AuditJsonFields.writeSubject(json, f);
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(JsonGenerator json, String field, String text) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("text", text);
        json.writeEndObject();
    }
}
