package dev.portscope.render;

import dev.portscope.model.AddressText;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.model.Container;
import dev.portscope.model.Endpoint;
import dev.portscope.model.NetNamespace;
import dev.portscope.model.Exposure;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import dev.portscope.model.LinuxSocket;
import java.io.IOException;

/** The JSON fields of a socket and of a process, shared by every JSON document portscope writes ({@link JsonDocument}). */
public final class JsonSocketFields {

    private JsonSocketFields() {}

    /** Writes the fields of a socket into the current object (documented in the README). */
    public static void writeSocket(JsonGenerator json, Socket s, ListingContext context) throws IOException {
        json.writeStringField("protocol", s.protocol().label());
        json.writeStringField("family", s.family().label());
        json.writeStringField("state", s.state().name());
        json.writeBooleanField("listening", s.isListening());
        writeEndpoint(json, "local", s.local(), s);
        writeEndpoint(json, "remote", s.remote(), s);
        var service = context.services().lookup(s.protocol(), s.local().port());
        if (service.isPresent()) {
            json.writeObjectFieldStart("service");
            json.writeStringField("name", service.get().name());
            json.writeStringField("description", service.get().description());
            json.writeEndObject();
        } else {
            json.writeNullField("service");
        }
        json.writeStringField("exposure", JsonNames.of(Exposure.of(s.local())));
        if (s.uidKnown()) {
            json.writeNumberField("uid", s.uid());
            json.writeStringField("user", context.userNames().apply(s.uid()));
        } else {
            json.writeNullField("uid"); // TIME_WAIT: the kernel keeps no owner
            json.writeNullField("user");
        }
        LinuxSocket linux = s.linux();
        if (linux != null) {
            json.writeNumberField("inode", linux.inode());
        } else {
            json.writeNullField("inode");
        }
        queue(json, "receiveQueue", s.receiveQueue());
        queue(json, "sendQueue", s.sendQueue());
        if (linux != null && linux.netns() != 0) {
            json.writeNumberField("netns", linux.netns());
        } else {
            json.writeNullField("netns");
        }
        if (context.namespaces().multiple()) {
            writeNamespace(json, context.namespaces().of(s));
        }
        if (s.v6Only() != null) {
            json.writeBooleanField("v6Only", s.v6Only());
        }
        if (linux != null) {
            writeLinuxDetails(json, linux);
        }
    }

    /**
     * {@code namespace} ({@code inode}, {@code name}: the {@code ip netns} name or null, {@code host})
     * and {@code container} ({@code runtime}, {@code id}, {@code name}, {@code pod}), or nulls when unknown:
     * written in documents that list more than one network namespace.
     */
    public static void writeNamespace(JsonGenerator json, NetNamespace ns) throws IOException {
        if (ns == null) {
            json.writeNullField("namespace");
            json.writeNullField("container");
            return;
        }
        json.writeObjectFieldStart("namespace");
        json.writeNumberField("inode", ns.inode());
        json.writeStringField("name", ns.name());
        json.writeBooleanField("host", ns.host());
        json.writeEndObject();
        Container c = ns.container();
        if (c == null) {
            json.writeNullField("container");
            return;
        }
        json.writeObjectFieldStart("container");
        json.writeStringField("runtime", c.runtime());
        json.writeStringField("id", c.id());
        json.writeStringField("name", c.name());
        json.writeStringField("pod", c.pod());
        json.writeEndObject();
    }

    private static void writeEndpoint(JsonGenerator json, String name, Endpoint endpoint, Socket s) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeStringField("address", AddressText.of(endpoint.address(), s.family()));
        json.writeNumberField("port", endpoint.port());
        if (endpoint.device() != null) {
            json.writeObjectFieldStart("interface");
            json.writeNumberField("index", endpoint.device().index());
            json.writeStringField("name", endpoint.device().name());
            json.writeBooleanField("loopback", endpoint.device().loopback());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** Writes a {@code processes} array of process objects. */
    public static void writeProcesses(JsonGenerator json, java.util.List<ProcessInfo> processes) throws IOException {
        json.writeArrayFieldStart("processes");
        for (ProcessInfo p : processes) {
            json.writeStartObject();
            writeProcess(json, p);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** Writes the fields of a process into the current object. */
    static void writeProcess(JsonGenerator json, ProcessInfo p) throws IOException {
        json.writeNumberField("pid", p.pid());
        json.writeNumberField("parentPid", p.parentPid());
        json.writeStringField("name", p.name());
        json.writeStringField("executable", p.executable());
        json.writeBooleanField("executableDeleted", p.executableDeleted());
        json.writeArrayFieldStart("commandLine");
        for (String arg : p.commandLine()) {
            json.writeString(arg);
        }
        json.writeEndArray();
        json.writeNumberField("uid", p.uid());
        json.writeStringField("user", p.user());
        if (p.startTime() != null) {
            json.writeStringField("startTime", p.startTime().toString());
        } else {
            json.writeNullField("startTime");
        }
    }

    private static void writeLinuxDetails(JsonGenerator json, LinuxSocket details) throws IOException {
        if (details.tcpInfo() != null) {
            var t = details.tcpInfo();
            json.writeObjectFieldStart("tcpInfo");
            json.writeNumberField("rttMicros", t.rttMicros());
            json.writeNumberField("rttVarMicros", t.rttVarMicros());
            json.writeNumberField("retransmits", t.retransmits());
            json.writeNumberField("totalRetransmits", t.totalRetransmits());
            json.writeNumberField("congestionWindow", t.congestionWindow());
            json.writeNumberField("bytesAcked", t.bytesAcked());
            json.writeNumberField("bytesReceived", t.bytesReceived());
            json.writeNumberField("lastSendMillis", t.lastSendMillis());
            json.writeNumberField("lastReceiveMillis", t.lastReceiveMillis());
            json.writeEndObject();
        }
        if (details.memory() != null) {
            var m = details.memory();
            json.writeObjectFieldStart("memory");
            json.writeNumberField("receiveAllocated", m.receiveAllocated());
            json.writeNumberField("receiveBuffer", m.receiveBuffer());
            json.writeNumberField("sendAllocated", m.sendAllocated());
            json.writeNumberField("sendBuffer", m.sendBuffer());
            json.writeEndObject();
        }
    }


    /** A queue length, or null where the platform does not report it (never 0). */
    private static void queue(JsonGenerator json, String name, long length) throws IOException {
        if (length == Socket.UNKNOWN_QUEUE) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, length);
        }
    }
}
