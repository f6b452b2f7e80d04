package dev.portscope.render;

import dev.portscope.platform.BackendCapabilities;
import dev.portscope.platform.Capability;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code portscope backends}: which fields each socket backend of this platform fills, as a table
 * (a row per field, a column per backend) followed by why each missing one is missing, or as JSON.
 */
public final class BackendsWriters {

    private BackendsWriters() {}

    /**
     * @param platform the platform's name
     * @param chosen   the backend {@code auto} picks here, or null when none can run
     */
    public static void text(PrintWriter out, String platform, String chosen, List<BackendCapabilities> backends) {
        out.println("Socket backends on " + platform + (chosen == null ? "" : " (auto: " + chosen + ")") + ":");
        out.println();
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("FIELD"));
        backends.forEach(b -> header.add(b.backend().toUpperCase(java.util.Locale.ROOT)));
        rows.add(header);
        for (Capability c : Capability.values()) {
            List<String> row = new ArrayList<>(List.of(c.label()));
            backends.forEach(b -> row.add(b.has(c) ? "yes" : "no"));
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i)).append(i + 1 < row.size() ? " ".repeat(widths[i] - row.get(i).length() + 2) : "");
            }
            out.println(line.toString().stripTrailing());
        }
        for (BackendCapabilities b : backends) {
            if (b.missing().isEmpty()) {
                continue;
            }
            out.println();
            out.println(b.backend() + " on " + b.platform() + " does not fill (shown as unknown, '-' or null, never as 0):");
            for (Capability c : Capability.values()) {
                if (!b.has(c)) {
                    out.println("  " + c.label() + ": " + b.whyMissing(c));
                }
            }
        }
        out.flush();
    }

    public static void json(Writer out, JsonEnvelope envelope, String platform, String chosen, List<BackendCapabilities> backends) {
        JsonDocument.write(out, JsonFormat.BACKENDS, envelope, List.of(), json -> {
            json.writeStringField("platform", platform);
            if (chosen == null) {
                json.writeNullField("auto");
            } else {
                json.writeStringField("auto", chosen);
            }
            json.writeArrayFieldStart("backends");
            for (BackendCapabilities b : backends) {
                json.writeStartObject();
                json.writeStringField("name", b.backend());
                json.writeStringField("platform", b.platform());
                json.writeObjectFieldStart("fields");
                for (Capability c : Capability.values()) {
                    json.writeObjectFieldStart(jsonName(c));
                    json.writeBooleanField("filled", b.has(c));
                    json.writeStringField("meaning", c.meaning());
                    if (b.has(c)) {
                        json.writeNullField("missingBecause");
                    } else {
                        json.writeStringField("missingBecause", b.whyMissing(c));
                    }
                    json.writeEndObject();
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /** {@code SOCKET_UID} as {@code socketUid}. */
    static String jsonName(Capability c) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char ch : c.name().toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return name.toString();
    }
}
