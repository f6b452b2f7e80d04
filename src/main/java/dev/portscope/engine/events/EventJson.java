package dev.portscope.engine.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.engine.Change;
import dev.portscope.engine.Sighting;
import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.LinuxSocket;
import dev.portscope.model.NetInterface;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.render.JsonSocketFields;
import dev.portscope.render.ListingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes as JSON, one object per line (JSON Lines), for scripts and for {@code events --record}:
 * each line stands alone, with {@code format} {@value #FORMAT}, its {@code version}, the time, the
 * host, the event's name and the socket and processes in the fields every other document uses.
 * {@link #read} turns a line back into the change it was, for {@code events --replay}.
 */
public final class EventJson {

    public static final String FORMAT = "portscope-event";
    public static final int VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {}

    /** One line of JSON, without its newline. */
    public static String line(Change change, String host, ListingContext context) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeNumberField("version", VERSION);
            json.writeStringField("time", change.time().toString());
            json.writeStringField("host", host);
            json.writeStringField("event", EventKind.of(change).label());
            switch (change) {
                case Change.Closed c -> json.writeStringField("end", c.end().name().toLowerCase(java.util.Locale.ROOT));
                case Change.StateChanged s -> json.writeStringField("stateBefore", s.before().name());
                case Change.QueueCrossed q -> {
                    json.writeStringField("queue", q.queue().name().toLowerCase(java.util.Locale.ROOT));
                    json.writeNumberField("threshold", q.threshold());
                    json.writeNumberField("bytes", q.bytes());
                }
                default -> { }
            }
            json.writeStringField("firstSeen", change.sighting().firstSeen().toString());
            json.writeObjectFieldStart("socket");
            JsonSocketFields.writeSocket(json, change.socket(), context);
            LinuxSocket linux = change.socket().linux();
            if (linux != null && linux.cookie() != 0) {
                json.writeNumberField("cookie", linux.cookie());
            }
            json.writeEndObject();
            JsonSocketFields.writeProcesses(json, change.sighting().owners());
            json.writeBooleanField("processesInferred", change.sighting().ownersInferred());
            if (change instanceof Change.OwnerChanged o) {
                json.writeFieldName("before");
                json.writeStartObject();
                JsonSocketFields.writeProcesses(json, o.before().owners());
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** A line read back: the change, and the host it was seen on (null when the line does not say). */
    public record Event(Change change, String host) {}

    /**
     * The change a line describes.
     *
     * @throws IllegalArgumentException naming what is wrong with the line
     */
    public static Event read(String line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!FORMAT.equals(text(root, "format"))) {
            throw new IllegalArgumentException("not a portscope event (format is not \"" + FORMAT + "\")");
        }
        if (root.path("version").asInt(-1) > VERSION) {
            throw new IllegalArgumentException("event version " + root.path("version").asInt() + " is newer than this portscope reads (" + VERSION + ")");
        }
        Instant time = instant(root, "time");
        Socket socket = socket(root.path("socket"));
        Sighting sighting = new Sighting(socket, processes(root.path("processes")), instant(root, "firstSeen"),
                root.path("processesInferred").asBoolean(false));
        EventKind kind = EventKind.parse(text(root, "event"));
        String host = root.path("host").isTextual() ? root.path("host").asText() : null;
        return new Event(change(kind, root, time, socket, sighting), host);
    }

    private static Change change(EventKind kind, JsonNode root, Instant time, Socket socket, Sighting sighting) {
        return switch (kind) {
            case LISTENER_OPENED, CONNECTION_OPENED -> new Change.Opened(time, sighting);
            case LISTENER_CLOSED, CONNECTION_CLOSED -> new Change.Closed(time, sighting,
                    "abrupt".equals(root.path("end").asText()) ? Change.End.ABRUPT : Change.End.ORDERLY);
            case STATE_CHANGED -> new Change.StateChanged(time, sighting, SocketState.valueOf(text(root, "stateBefore")));
            case OWNER_CHANGED -> new Change.OwnerChanged(time, sighting,
                    new Sighting(socket, processes(root.path("before").path("processes")), sighting.firstSeen()));
            case QUEUE_ABOVE, QUEUE_BELOW -> new Change.QueueCrossed(time, sighting,
                    "send".equals(text(root, "queue")) ? Change.Queue.SEND : Change.Queue.RECEIVE,
                    root.path("threshold").asLong(), root.path("bytes").asLong(), kind == EventKind.QUEUE_ABOVE);
        };
    }

    private static Socket socket(JsonNode s) {
        if (!s.isObject()) {
            throw new IllegalArgumentException("no \"socket\" object");
        }
        Protocol protocol = "udp".equals(text(s, "protocol")) ? Protocol.UDP : Protocol.TCP;
        IpFamily family = "ipv6".equals(text(s, "family")) ? IpFamily.IPV6 : IpFamily.IPV4;
        long inode = s.path("inode").asLong(0);
        long cookie = s.path("cookie").asLong(0);
        long netns = s.path("netns").asLong(0);
        int uid = s.path("uid").isNumber() ? s.path("uid").asInt() : Socket.UNKNOWN_UID;
        Boolean v6Only = s.path("v6Only").isBoolean() ? s.path("v6Only").asBoolean() : null;
        return new Socket(protocol, family, endpoint(s.path("local"), "local"), endpoint(s.path("remote"), "remote"),
                SocketState.valueOf(text(s, "state")), uid, inode, s.path("receiveQueue").asLong(), s.path("sendQueue").asLong(),
                v6Only, new LinuxSocket(inode, cookie, netns, null, null));
    }

    private static Endpoint endpoint(JsonNode e, String name) {
        String address = text(e, "address");
        InetAddress parsed;
        try {
            parsed = InetAddress.ofLiteral("*".equals(address) ? "::" : address);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(name + " address '" + address + "' is not an IP address");
        }
        JsonNode device = e.path("interface");
        NetInterface netInterface = device.isObject()
                ? new NetInterface(device.path("index").asInt(), device.path("name").asText(), device.path("loopback").asBoolean())
                : null;
        int port = e.path("port").asInt(-1);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " port is missing or out of range");
        }
        return new Endpoint(parsed, port, netInterface);
    }

    private static List<ProcessInfo> processes(JsonNode array) {
        List<ProcessInfo> processes = new ArrayList<>();
        for (JsonNode p : array) {
            List<String> commandLine = new ArrayList<>();
            p.path("commandLine").forEach(arg -> commandLine.add(arg.asText()));
            Instant start = p.path("startTime").isTextual() ? Instant.parse(p.path("startTime").asText()) : null;
            processes.add(new ProcessInfo(p.path("pid").asInt(), p.path("parentPid").asInt(-1), p.path("name").asText(),
                    commandLine, p.path("uid").asInt(-1), p.path("user").asText(), start,
                    p.path("executable").isTextual() ? p.path("executable").asText() : null, p.path("executableDeleted").asBoolean()));
        }
        return processes;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("no \"" + field + "\" text");
        }
        return value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not a time");
        }
    }
}
