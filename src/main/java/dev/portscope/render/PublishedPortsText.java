package dev.portscope.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.model.AddressText;
import dev.portscope.model.PortForward;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * The ports NAT rules publish with no socket on this machine, after {@code listen}'s table: a short
 * section, one line a port, so the table's columns stay the sockets'.
 */
public final class PublishedPortsText {

    private PublishedPortsText() {}

    public static void write(PrintWriter out, List<PortForward> forwards) {
        if (forwards.isEmpty()) {
            return;
        }
        out.println();
        out.println("Published by NAT rules (no socket here; connections are sent on to the target):");
        for (PortForward f : forwards) {
            out.println("  " + line(f));
        }
        out.flush();
    }

    /** {@code tcp  *:8080 -> 172.17.0.2:80  (iptables-nft nat DOCKER)}. */
    public static String line(PortForward f) {
        return f.protocol().label() + "  " + (f.destination() == null ? "*" : ForeignText.visible(f.destination())) + ":" + f.port()
                + " -> " + f.targetText() + "  (" + ForeignText.visible(f.by()) + ")";
    }

    /** One forward as a JSON object: protocol, destination (null for any), port, targetAddress, targetPort, by. */
    public static void writeJson(JsonGenerator json, PortForward f) throws IOException {
        json.writeStartObject();
        json.writeStringField("protocol", f.protocol().label());
        json.writeStringField("destination", f.destination());
        json.writeNumberField("port", f.port());
        json.writeStringField("targetAddress", AddressText.of(f.target()));
        json.writeNumberField("targetPort", f.effectiveTargetPort());
        json.writeStringField("by", f.by());
        json.writeEndObject();
    }
}
