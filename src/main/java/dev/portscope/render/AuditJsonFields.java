package dev.portscope.render;

import dev.portscope.model.AddressText;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.analysis.audit.Finding;
import dev.portscope.model.Exposure;
import dev.portscope.model.ProcessInfo;
import java.io.IOException;

/** The JSON fields of a finding's socket and processes, shared by the audit JSON and SARIF writers. */
final class AuditJsonFields {

    private AuditJsonFields() {}

    /** {@code socket} (or null) and {@code processes}, into the current object. */
    static void writeSubject(JsonGenerator json, Finding f) throws IOException {
        if (f.socket() == null) {
            json.writeNullField("socket");
        } else {
            var s = f.socket();
            json.writeObjectFieldStart("socket");
            json.writeStringField("protocol", s.protocol().label());
            json.writeStringField("address", AddressText.of(s.local().address(), s.family()));
            json.writeNumberField("port", s.local().port());
            json.writeStringField("state", s.state().name());
            json.writeStringField("exposure", exposure(Exposure.of(s.local())));
            if (s.uidKnown()) {
                json.writeNumberField("uid", s.uid());
            } else {
                json.writeNullField("uid");
            }
            json.writeEndObject();
        }
        json.writeArrayFieldStart("processes");
        for (ProcessInfo p : f.processes()) {
            json.writeStartObject();
            json.writeNumberField("pid", p.pid());
            json.writeStringField("name", p.name());
            json.writeNumberField("uid", p.uid());
            json.writeStringField("user", p.user());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    static String exposure(Exposure e) {
        return JsonNames.of(e);
    }
}
