package dev.portscope.render;

import dev.portscope.model.AddressText;

import dev.portscope.analysis.probe.PortCheck;
import dev.portscope.analysis.probe.PortStatus;
import dev.portscope.analysis.probe.ProbeResult;
import dev.portscope.analysis.probe.ScanProbes;
import dev.portscope.model.Protocol;
import dev.portscope.services.ServiceTable;
import java.io.Writer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code portscope scan --json} ({@code "format": "portscope-scan"}) and {@code check --json}
 * ({@code "portscope-check"}): counts per status and one object per port; a scan leaves closed
 * ports out of {@code ports} (they are counted), a check lists every port (README). With probes,
 * each port has a {@code probe} object (null for a port that is not open), with the fields of
 * {@code probe --json}.
 */
public final class ScanJsonWriter {

    private ScanJsonWriter() {}

    /** {@code format}: {@link JsonFormat#SCAN} or {@link JsonFormat#CHECK}; a connect scan has no diagnostics yet. */
    public static void write(Writer out, JsonFormat format, List<PortCheck> checks, ScanProbes probes, boolean listClosed,
            ServiceTable services, JsonEnvelope envelope) {
        JsonDocument.write(out, format, envelope, List.of(), json -> {
            Map<PortStatus, Integer> counts = new EnumMap<>(PortStatus.class);
            for (PortStatus s : PortStatus.values()) {
                counts.put(s, 0);
            }
            checks.forEach(c -> counts.merge(c.status(), 1, Integer::sum));
            json.writeObjectFieldStart("counts");
            for (var e : counts.entrySet()) {
                json.writeNumberField(e.getKey().label(), e.getValue());
            }
            json.writeEndObject();
            json.writeArrayFieldStart("ports");
            for (PortCheck c : checks) {
                if (listClosed || c.status() != PortStatus.CLOSED) {
                    json.writeStartObject();
                    json.writeStringField("address", AddressText.of(c.target().getAddress()));
                    json.writeNumberField("port", c.port());
                    json.writeStringField("status", c.status().label());
                    json.writeNumberField("latencyMs", Math.round(c.latency().toNanos() / 1e3) / 1e3);
                    json.writeStringField("service", services.lookup(Protocol.TCP, c.port()).map(s -> s.name()).orElse(null));
                    json.writeStringField("detail", c.detail().isEmpty() ? null : c.detail());
                    if (probes.asked()) {
                        json.writeFieldName("probe");
                        ProbeResult probe = probes.of(c.target()).orElse(null);
                        if (probe == null) {
                            json.writeNull();
                        } else {
                            json.writeStartObject();
                            ProbeJsonWriter.writeDetection(json, probe);
                            json.writeEndObject();
                        }
                    }
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
        });
    }
}
