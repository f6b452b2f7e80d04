package dev.portscope.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import java.io.IOException;
import java.util.List;

/**
 * The socket and process objects of the JSON documents, for writers outside this package that
 * stream their own JSON (the server's events): the same fields as every document (README, "JSON layout").
 */
public final class JsonSockets {

    private JsonSockets() {}

    /** Writes a socket's fields into the current object. */
    public static void writeSocket(JsonGenerator json, Socket socket, ListingContext context) throws IOException {
        JsonSocketFields.writeSocket(json, socket, context);
    }

    /** Writes a {@code processes} array. */
    public static void writeProcesses(JsonGenerator json, List<ProcessInfo> processes) throws IOException {
        JsonSocketFields.writeProcesses(json, processes);
    }

    /** Writes an array of process objects under {@code name}. */
    public static void writeProcesses(JsonGenerator json, String name, List<ProcessInfo> processes) throws IOException {
        json.writeArrayFieldStart(name);
        for (ProcessInfo p : processes) {
            json.writeStartObject();
            JsonSocketFields.writeProcess(json, p);
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
