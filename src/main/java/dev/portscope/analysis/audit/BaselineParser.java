package dev.portscope.analysis.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.model.AddressOrder;
import dev.portscope.model.Exposure;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.query.IpLiteral;
import java.net.InetAddress;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Reads a baseline written by {@code portscope snapshot save}. Pure: the caller reads the file. */
public final class BaselineParser {

    public static final String FORMAT = "portscope-baseline";
    public static final int FORMAT_VERSION = 1;

    private BaselineParser() {}

    /** A baseline that cannot be used; the message is one line, starting with the file name. */
    public static final class BadBaselineException extends Exception {
        public BadBaselineException(String message) {
            super(message, null, false, false);
        }
    }

    public static Baseline parse(String text, String file) throws BadBaselineException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new BadBaselineException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new BadBaselineException(file + ": not a portscope baseline (expected \"format\": \"" + FORMAT + "\")");
        }
        JsonNode version = root.path("version");
        if (!version.isInt()) {
            throw new BadBaselineException(file + ": expected a whole number as \"version\"");
        }
        if (version.asInt() > FORMAT_VERSION) {
            throw new BadBaselineException(file + ": baseline format version " + version.asInt()
                    + " is newer than this portscope reads (" + FORMAT_VERSION + "); upgrade portscope or save the baseline again");
        }
        try {
            List<BaselineListener> listeners = new ArrayList<>();
            for (JsonNode l : required(root, "listeners")) {
                Protocol protocol = Protocol.valueOf(required(l, "protocol").asText().toUpperCase(Locale.ROOT));
                Exposure exposure = Exposure.valueOf(required(l, "exposure").asText().toUpperCase(Locale.ROOT).replace('-', '_'));
                int port = required(l, "port").asInt(-1);
                if (port < 1 || port > 65_535) {
                    throw new IllegalArgumentException("port " + l.path("port"));
                }
                List<Integer> pids = new ArrayList<>();
                l.path("pids").forEach(p -> pids.add(p.asInt()));
                listeners.add(new BaselineListener(protocol, port, exposure, addresses(l), texts(l, "processes"),
                        texts(l, "users"), pids));
            }
            JsonNode host = root.get("host"); // null: the machine was not known (a baseline of a replay)
            if (host == null) {
                throw new IllegalArgumentException("missing \"host\"");
            }
            return new Baseline(host.isNull() ? null : host.asText(), Instant.parse(required(root, "time").asText()), listeners);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadBaselineException(file + ": damaged baseline: " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return value;
    }

    /**
     * Read as addresses, whatever their spelling: baselines before RFC 5952 text wrote
     * {@code 0:0:0:0:0:0:0:1} for {@code ::1}. IPv6 text stays IPv6, as {@link Baseline#of} keeps it.
     */
    private static List<InetAddress> addresses(JsonNode listener) {
        var addresses = new TreeSet<InetAddress>(AddressOrder.BY_VALUE);
        for (String text : texts(listener, "addresses")) {
            InetAddress address = IpLiteral.parse(text);
            addresses.add(IpLiteral.isIpv6Text(text) ? IpFamily.IPV6.holding(address) : address);
        }
        return List.copyOf(addresses);
    }

    private static List<String> texts(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        node.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }
}
