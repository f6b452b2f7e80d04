package dev.portscope.analysis.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.portscope.model.AddressOrder;
import dev.portscope.model.Exposure;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.query.IpLiteral;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a baseline written by {@code portscope snapshot save}, token by token, strictly: each value
 * of the type and range it has ({@code "port": true} or {@code 2024.9} is not port 1 or 2024), each
 * key and each protocol and port once, one JSON document and nothing after it. A mistake is one line,
 * {@code FILE:LINE:COLUMN: what was expected}, with no Java names and no text of a file that is not a
 * baseline. Keys this version does not know are skipped (a later version may add some). Pure: the
 * caller reads the file.
 */
public final class BaselineParser {

    public static final String FORMAT = "portscope-baseline";
    public static final int FORMAT_VERSION = 1;

    private static final int MAX_TEXT = 4096;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(MAX_TEXT).maxNumberLength(64)
                    .maxNameLength(256).build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final Map<String, Exposure> EXPOSURES = exposures();

    private final String file;
    private final JsonParser json;
    /** Whether {@code "format": "portscope-baseline"} was read: only then do errors quote the file. */
    private boolean recognized;

    private BaselineParser(String file, JsonParser json) {
        this.file = file;
        this.json = json;
    }

    /** A baseline that cannot be used; the message is one line, starting with the file name. */
    public static final class BadBaselineException extends Exception {
        public BadBaselineException(String message) {
            super(message, null, false, false);
        }
    }

    public static Baseline parse(String text, String file) throws BadBaselineException {
        try (JsonParser json = FACTORY.createParser(text)) {
            BaselineParser parser = new BaselineParser(file, json);
            Baseline baseline = parser.root();
            if (json.nextToken() != null) {
                throw parser.error("expected the end of the file after the baseline, found " + parser.found());
            }
            return baseline;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadBaselineException(file + (at == null ? "" : ":" + Math.max(1, at.getLineNr()) + ":" + Math.max(1, at.getColumnNr()))
                    + ": not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // reading a String cannot fail
        }
    }

    private Baseline root() throws IOException, BadBaselineException {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            throw notABaseline();
        }
        JsonLocation start = json.currentTokenLocation();
        String host = null;
        Instant time = null;
        List<BaselineListener> listeners = null;
        boolean versioned = false;
        Set<String> seen = new HashSet<>();
        while (nextKey(seen)) {
            String key = json.currentName();
            json.nextToken();
            switch (key) {
                case "format" -> {
                    if (json.currentToken() != JsonToken.VALUE_STRING || !FORMAT.equals(json.getText())) {
                        throw notABaseline();
                    }
                    recognized = true;
                }
                case "version" -> {
                    version();
                    versioned = true;
                }
                // null: the machine was not known (a baseline saved from a recording that does not name it)
                case "host" -> host = json.currentToken() == JsonToken.VALUE_NULL ? null : text("a host name or null");
                case "time" -> time = time();
                case "listeners" -> listeners = listeners();
                default -> json.skipChildren(); // a later version's addition
            }
        }
        if (!recognized) {
            throw notABaseline();
        }
        if (!versioned) {
            throw new BadBaselineException(file + ": expected a whole number as \"version\"");
        }
        for (var required : List.of("host", "time", "listeners")) {
            if (!seen.contains(required)) {
                throw new BadBaselineException(file + ":" + start.getLineNr() + ":" + start.getColumnNr()
                        + ": expected the key \"" + required + "\" in this baseline");
            }
        }
        return new Baseline(host, time, listeners);
    }

    private BadBaselineException notABaseline() {
        return new BadBaselineException(file + ": not a portscope baseline (expected \"format\": \"" + FORMAT + "\")");
    }

    private void version() throws IOException, BadBaselineException {
        if (json.currentToken() != JsonToken.VALUE_NUMBER_INT || json.getNumberType() != JsonParser.NumberType.INT) {
            throw error("expected a whole number as \"version\", found " + found());
        }
        int version = json.getIntValue();
        if (version > FORMAT_VERSION) {
            throw new BadBaselineException(file + ": baseline format version " + version
                    + " is newer than this portscope reads (" + FORMAT_VERSION + "); upgrade portscope or save the baseline again");
        }
        if (version < 1) {
            throw error("expected version " + FORMAT_VERSION + ", found " + version);
        }
    }

    private Instant time() throws IOException, BadBaselineException {
        JsonLocation at = json.currentTokenLocation();
        String text = text("a time");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadBaselineException(file + ":" + at.getLineNr() + ":" + at.getColumnNr()
                    + ": expected a time as 2026-01-02T03:04:05Z, found " + quote(text));
        }
    }

    private List<BaselineListener> listeners() throws IOException, BadBaselineException {
        expect(JsonToken.START_ARRAY, "a list of listeners");
        List<BaselineListener> listeners = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation at = json.currentTokenLocation();
            BaselineListener listener = listener();
            Integer first = lines.putIfAbsent(listener.key(), at.getLineNr());
            if (first != null) {
                throw new BadBaselineException(file + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": expected each protocol and port once, found "
                        + listener.key() + " again (first at line " + first + ")");
            }
            listeners.add(listener);
        }
        return listeners;
    }

    private BaselineListener listener() throws IOException, BadBaselineException {
        expect(JsonToken.START_OBJECT, "a listener: an object with protocol, port and exposure");
        JsonLocation start = json.currentTokenLocation();
        Protocol protocol = null;
        int port = 0;
        Exposure exposure = null;
        List<InetAddress> addresses = List.of();
        List<String> processes = List.of();
        List<String> users = List.of();
        List<Integer> pids = List.of();
        String namespace = null;
        Set<String> seen = new HashSet<>();
        while (nextKey(seen)) {
            String key = json.currentName();
            json.nextToken();
            switch (key) {
                case "protocol" -> protocol = protocol();
                case "port" -> port = port();
                case "exposure" -> exposure = exposure();
                case "addresses" -> addresses = addresses();
                case "processes" -> processes = texts("a process name");
                case "users" -> users = texts("a user name");
                case "pids" -> pids = pids();
                case "namespace" -> namespace = text("a network namespace's name");
                default -> json.skipChildren();
            }
        }
        for (var required : List.of("protocol", "port", "exposure")) {
            if (!seen.contains(required)) {
                throw new BadBaselineException(file + ":" + start.getLineNr() + ":" + start.getColumnNr()
                        + ": expected the key \"" + required + "\" in this listener");
            }
        }
        return new BaselineListener(protocol, port, exposure, addresses, processes, users, pids, namespace);
    }

    private Protocol protocol() throws IOException, BadBaselineException {
        String text = json.currentToken() == JsonToken.VALUE_STRING ? json.getText() : "";
        return switch (text) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            default -> throw error("expected \"tcp\" or \"udp\", found " + found());
        };
    }

    private int port() throws IOException, BadBaselineException {
        if (json.currentToken() != JsonToken.VALUE_NUMBER_INT || json.getNumberType() != JsonParser.NumberType.INT
                || json.getIntValue() < 1 || json.getIntValue() > 65_535) {
            throw error("expected a port: a whole number from 1 to 65535, found " + found());
        }
        return json.getIntValue();
    }

    private Exposure exposure() throws IOException, BadBaselineException {
        Exposure exposure = json.currentToken() == JsonToken.VALUE_STRING ? EXPOSURES.get(json.getText()) : null;
        if (exposure == null) {
            throw error("expected " + String.join(", ", EXPOSURES.keySet().stream().sorted().map(e -> "\"" + e + "\"").toList())
                    + ", found " + found());
        }
        return exposure;
    }

    /**
     * Read as addresses, whatever their spelling: baselines before RFC 5952 text wrote
     * {@code 0:0:0:0:0:0:0:1} for {@code ::1}. IPv6 text stays IPv6, as {@link Baseline#of} keeps it.
     */
    private List<InetAddress> addresses() throws IOException, BadBaselineException {
        expect(JsonToken.START_ARRAY, "a list of addresses");
        var addresses = new TreeSet<InetAddress>(AddressOrder.BY_VALUE);
        while (json.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation at = json.currentTokenLocation();
            String text = text("an IP address");
            InetAddress address;
            try {
                address = IpLiteral.parse(text);
            } catch (IllegalArgumentException e) {
                throw new BadBaselineException(file + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": expected an IP address, found " + quote(text));
            }
            addresses.add(IpLiteral.isIpv6Text(text) ? IpFamily.IPV6.holding(address) : address);
        }
        return List.copyOf(addresses);
    }

    private List<String> texts(String what) throws IOException, BadBaselineException {
        expect(JsonToken.START_ARRAY, "a list of texts");
        List<String> values = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            values.add(text(what));
        }
        return values;
    }

    private List<Integer> pids() throws IOException, BadBaselineException {
        expect(JsonToken.START_ARRAY, "a list of pids");
        List<Integer> pids = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            if (json.currentToken() != JsonToken.VALUE_NUMBER_INT || json.getNumberType() != JsonParser.NumberType.INT || json.getIntValue() < 0) {
                throw error("expected a pid: a whole number from 0 to 2147483647, found " + found());
            }
            pids.add(json.getIntValue());
        }
        return pids;
    }

    private String text(String what) throws IOException, BadBaselineException {
        if (json.currentToken() != JsonToken.VALUE_STRING) {
            throw error("expected " + what + " as a JSON string, found " + found());
        }
        return json.getText();
    }

    /** Moves to the next key of an object; false at its end. A repeated key is an error. */
    private boolean nextKey(Set<String> seen) throws IOException, BadBaselineException {
        if (json.nextToken() != JsonToken.FIELD_NAME) {
            return false;
        }
        if (!seen.add(json.currentName())) {
            throw error("expected each key once, found " + (recognized ? quote(json.currentName()) : "a key") + " again");
        }
        return true;
    }

    private void expect(JsonToken token, String what) throws IOException, BadBaselineException {
        if (json.currentToken() != token) {
            throw error("expected " + what + ", found " + found());
        }
    }

    /** What the current token is; its text only in a file that showed itself a baseline. */
    private String found() throws IOException {
        JsonToken t = json.currentToken();
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case END_OBJECT, END_ARRAY -> "the end of the " + (t == JsonToken.END_OBJECT ? "object" : "list");
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> json.getText();
            case VALUE_STRING -> recognized ? quote(json.getText()) : "a string";
            case FIELD_NAME -> "a key";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> recognized ? json.getText() : "a number";
            default -> "a value";
        };
    }

    private static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < text.length() && shown < 40; i++, shown++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029 ? String.format("\\u%04x", (int) c) : c);
        }
        return b.append(text.length() > 40 ? "…\"" : "\"").toString();
    }

    private BadBaselineException error(String message) {
        JsonLocation at = json.currentTokenLocation();
        return new BadBaselineException(file + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + message);
    }

    /** Jackson's complaint in a few words: its messages quote the file and name its own classes and features. */
    private static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (e instanceof JsonEOFException || message.startsWith("Unexpected end-of-input")) {
            return "the file ends inside a value";
        }
        if (e instanceof StreamConstraintsException) {
            return "nested or sized beyond what a baseline needs";
        }
        if (e instanceof InputCoercionException) {
            return "a number out of range";
        }
        if (message.startsWith("Illegal unquoted character")) {
            return "a control character inside a string (escape it)";
        }
        if (message.startsWith("Unrecognized token") || message.startsWith("Non-standard token")) {
            return "unexpected text (expected a string, a number, an object, a list, true, false or null)";
        }
        if (message.startsWith("Unrecognized character escape") || message.startsWith("Illegal character")) {
            return "a bad escape in a string";
        }
        if (message.startsWith("Invalid numeric value") || message.contains("Leading zeroes")) {
            return "a malformed number";
        }
        if (message.startsWith("Unexpected character")) {
            return "unexpected character";
        }
        return "syntax error";
    }

    /** The JSON names of exposures, as the writers spell them ({@code all-interfaces}). */
    private static Map<String, Exposure> exposures() {
        Map<String, Exposure> names = new HashMap<>();
        for (Exposure e : Exposure.values()) {
            names.put(e.name().toLowerCase(Locale.ROOT).replace('_', '-'), e);
        }
        return Map.copyOf(names);
    }
}
