package dev.portscope.analysis.audit;

import dev.portscope.analysis.CloseWaitPileUps;
import dev.portscope.model.PortRange;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.portscope.model.Protocol;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a policy from YAML text, token by token, so that every mistake is reported at its line and
 * column. Pure: the caller reads the file.
 */
public final class PolicyParser {

    public static final int FORMAT_VERSION = 1;

    private static final Pattern RANGE = Pattern.compile("(\\d{1,9})(?:-(\\d{1,9}))?");
    private static final List<String> TOP = List.of("version", "allow", "require", "forbid", "thresholds", "rules");
    private static final List<String> LISTENER = List.of("port", "protocol", "scope", "process", "user", "executable");
    private static final List<String> PORT = List.of("port", "protocol");
    private static final List<String> THRESHOLDS = List.of("closeWaitPerProcess");

    private final String file;
    private final JsonParser yaml;
    /** Whether the file has shown itself a policy (its first key is a policy's): only then do errors quote it. */
    private boolean recognized;

    private PolicyParser(String file, JsonParser yaml) {
        this.file = file;
        this.yaml = yaml;
    }

    /**
     * @param file the name errors start with
     * @throws PolicyException one line, {@code FILE:LINE:COLUMN: what was expected}; it quotes the
     *         file only once the file shows itself as a policy (its first key is one of a policy's)
     */
    public static Policy parse(String text, String file) throws PolicyException {
        List<Integer> documentStarts = new ArrayList<>();
        try (JsonParser yaml = PolicyYaml.open(text, file, documentStarts)) {
            PolicyParser parser = new PolicyParser(file, yaml);
            Policy policy = parser.root();
            parser.end(documentStarts);
            return policy;
        } catch (JsonProcessingException e) {
            throw PolicyYaml.syntaxError(e, file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // reading a String cannot fail
        }
    }

    /** After the policy's mapping: nothing, or the end of the document. A second document is not read silently. */
    private void end(List<Integer> documentStarts) throws IOException, PolicyException {
        int rootLine = yaml.currentTokenLocation().getLineNr();
        if (yaml.nextToken() == null) {
            return;
        }
        int line = yaml.currentTokenLocation().getLineNr();
        int marker = documentStarts.stream().filter(l -> l >= rootLine && l <= line).findFirst().orElse(line);
        throw new PolicyException(file, marker, 1, "expected one YAML document, found a second one: a policy is one document (no ---)");
    }

    private Policy root() throws IOException, PolicyException {
        JsonToken first = yaml.nextToken();
        if (first == null) {
            throw error("expected a mapping with the keys " + String.join(", ", TOP) + ", found an empty file");
        }
        expect(JsonToken.START_OBJECT, "a mapping with the keys " + String.join(", ", TOP));
        List<AllowedListener> allow = List.of();
        List<PortMatch> require = List.of();
        List<PortMatch> forbid = List.of();
        Thresholds thresholds = Thresholds.DEFAULT;
        Map<String, RuleSetting> rules = Map.of();
        Set<String> seen = new HashSet<>();
        if (yaml.nextToken() == JsonToken.FIELD_NAME && TOP.contains(yaml.currentName())) {
            recognized = true;
        }
        for (boolean more = key(TOP, seen); more; more = nextKey(TOP, seen)) {
            switch (yaml.currentName()) {
                case "version" -> {
                    yaml.nextToken();
                    if (yaml.currentToken() != JsonToken.VALUE_NUMBER_INT || yaml.getNumberType() != JsonParser.NumberType.INT
                            || yaml.getIntValue() != FORMAT_VERSION) {
                        throw error("expected version " + FORMAT_VERSION + ", found " + found());
                    }
                }
                case "allow" -> allow = list("a list of allowed listeners", this::listener);
                case "require" -> require = list("a list of required ports", this::portMatch);
                case "forbid" -> forbid = list("a list of forbidden ports", this::portMatch);
                case "thresholds" -> thresholds = thresholds();
                case "rules" -> rules = rules();
                default -> throw new IllegalStateException(yaml.currentName());
            }
        }
        return new Policy(allow, require, forbid, thresholds, rules);
    }

    @FunctionalInterface
    private interface Item<T> {
        T read() throws IOException, PolicyException;
    }

    /** A list whose items start at the current token (after the key). */
    private <T> List<T> list(String what, Item<T> item) throws IOException, PolicyException {
        yaml.nextToken();
        expect(JsonToken.START_ARRAY, what);
        List<T> items = new ArrayList<>();
        while (yaml.nextToken() != JsonToken.END_ARRAY) {
            items.add(item.read());
        }
        return items;
    }

    private AllowedListener listener() throws IOException, PolicyException {
        expect(JsonToken.START_OBJECT, "a listener: a mapping with the keys " + String.join(", ", LISTENER));
        JsonLocation start = yaml.currentTokenLocation();
        PortRange ports = null;
        Protocol protocol = null;
        Scope scope = Scope.LOOPBACK;
        String process = null;
        String user = null;
        String executable = null;
        Set<String> seen = new HashSet<>();
        while (nextKey(LISTENER, seen)) {
            String key = yaml.currentName();
            yaml.nextToken();
            switch (key) {
                case "port" -> ports = portRange();
                case "protocol" -> protocol = protocol();
                case "scope" -> scope = scope();
                case "process" -> process = text("a process name");
                case "user" -> user = text("a user name");
                case "executable" -> executable = absolutePath();
                default -> throw new IllegalStateException(key);
            }
        }
        if (ports == null) {
            throw new PolicyException(file, start.getLineNr(), start.getColumnNr(), "expected the key port in this listener");
        }
        return new AllowedListener(new PortMatch(ports, protocol), scope, process, user, executable);
    }

    /** {@code 23}, {@code 6000-6063}, or a mapping with port and protocol. */
    private PortMatch portMatch() throws IOException, PolicyException {
        if (yaml.currentToken() != JsonToken.START_OBJECT) {
            return new PortMatch(portRange(), null);
        }
        JsonLocation start = yaml.currentTokenLocation();
        PortRange ports = null;
        Protocol protocol = null;
        Set<String> seen = new HashSet<>();
        while (nextKey(PORT, seen)) {
            String key = yaml.currentName();
            yaml.nextToken();
            if (key.equals("port")) {
                ports = portRange();
            } else {
                protocol = protocol();
            }
        }
        if (ports == null) {
            throw new PolicyException(file, start.getLineNr(), start.getColumnNr(), "expected the key port in this entry");
        }
        return new PortMatch(ports, protocol);
    }

    private PortRange portRange() throws IOException, PolicyException {
        String expected = "a port (1-65535) or a range FIRST-LAST";
        JsonToken t = yaml.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_STRING) {
            throw error("expected " + expected + ", found " + found());
        }
        Matcher m = RANGE.matcher(yaml.getText().strip());
        if (!m.matches()) {
            throw error("expected " + expected + ", found " + found());
        }
        int first = Integer.parseInt(m.group(1));
        int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
        for (int port : new int[] {first, last}) {
            if (port < 1 || port > 65_535) {
                throw error("expected a port from 1 to 65535, found " + port);
            }
        }
        if (first > last) {
            throw error("expected a range FIRST-LAST with FIRST <= LAST, found " + first + "-" + last);
        }
        return new PortRange(first, last);
    }

    private Protocol protocol() throws IOException, PolicyException {
        String text = yaml.currentToken() == JsonToken.VALUE_STRING ? yaml.getText() : "";
        return switch (text) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            case "any" -> null;
            default -> throw error("expected tcp, udp or any, found " + found());
        };
    }

    private Scope scope() throws IOException, PolicyException {
        if (yaml.currentToken() == JsonToken.VALUE_STRING) {
            for (Scope s : Scope.values()) {
                if (s.label().equals(yaml.getText())) {
                    return s;
                }
            }
        }
        throw error("expected loopback, private or any, found " + found());
    }

    /** An executable's absolute path, as {@code /proc/PID/exe} names it. */
    private String absolutePath() throws IOException, PolicyException {
        JsonLocation at = yaml.currentTokenLocation();
        String path = text("an executable's absolute path");
        if (!path.startsWith("/")) {
            throw new PolicyException(file, at.getLineNr(), at.getColumnNr(), "expected an executable's absolute path, not a relative one");
        }
        return path;
    }

    /**
     * A name as the kernel or the user database has it: any text, spaces only or empty included
     * (a process may name itself so, and {@code audit --init} writes what it found).
     */
    private String text(String what) throws IOException, PolicyException {
        JsonToken t = yaml.currentToken();
        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT) {
            throw error("expected " + what + ", found " + found());
        }
        if (yaml.getTextLength() > PolicyYaml.MAX_TEXT) {
            throw error("expected " + what + " of at most " + PolicyYaml.MAX_TEXT + " characters, found one of " + yaml.getTextLength());
        }
        return yaml.getText();
    }

    private Thresholds thresholds() throws IOException, PolicyException {
        yaml.nextToken();
        expect(JsonToken.START_OBJECT, "a mapping with the keys " + String.join(", ", THRESHOLDS));
        int closeWait = Thresholds.DEFAULT.closeWaitPerProcess();
        Set<String> seen = new HashSet<>();
        while (nextKey(THRESHOLDS, seen)) {
            yaml.nextToken();
            if (yaml.currentToken() != JsonToken.VALUE_NUMBER_INT || yaml.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || !CloseWaitPileUps.validThreshold(yaml.getLongValue())) {
                throw error("expected a whole number from 1 to 1000000, found " + found());
            }
            closeWait = yaml.getIntValue();
        }
        return new Thresholds(closeWait);
    }

    private Map<String, RuleSetting> rules() throws IOException, PolicyException {
        yaml.nextToken();
        expect(JsonToken.START_OBJECT, "a mapping of rule ids (PS001) to off, warning or critical");
        Map<String, RuleSetting> rules = new HashMap<>();
        while (yaml.nextToken() == JsonToken.FIELD_NAME) {
            String id = yaml.currentName();
            if (DefaultRules.byId(id).isEmpty()) {
                throw error("expected a rule id (" + String.join(", ", DefaultRules.ALL_INFO.stream().map(RuleInfo::id).toList())
                        + "), found " + (recognized ? PolicyYaml.quote(id) : "another key"));
            }
            if (rules.containsKey(id)) {
                throw error("expected each rule once, found " + PolicyYaml.quote(id) + " again");
            }
            yaml.nextToken();
            String value = yaml.currentToken() == JsonToken.VALUE_FALSE ? "off"
                    : yaml.currentToken() == JsonToken.VALUE_STRING ? yaml.getText().toLowerCase(Locale.ROOT) : "";
            RuleSetting setting = switch (value) {
                case "off" -> RuleSetting.OFF;
                case "warning" -> new RuleSetting(true, Severity.WARNING);
                case "critical" -> new RuleSetting(true, Severity.CRITICAL);
                default -> throw error("expected off, warning or critical, found " + found());
            };
            rules.put(id, setting);
        }
        return rules;
    }

    /** Moves to the next key of a mapping; false at its end. Unknown and repeated keys are errors. */
    private boolean nextKey(List<String> allowed, Set<String> seen) throws IOException, PolicyException {
        yaml.nextToken();
        return key(allowed, seen);
    }

    /** Whether the current token is a key of a mapping (false at its end); unknown and repeated keys are errors. */
    private boolean key(List<String> allowed, Set<String> seen) throws IOException, PolicyException {
        if (yaml.currentToken() != JsonToken.FIELD_NAME) {
            return false;
        }
        String key = yaml.currentName();
        if (!allowed.contains(key)) {
            throw error("expected one of the keys " + String.join(", ", allowed) + ", found "
                    + (recognized ? "unknown key " + PolicyYaml.quote(key) : "another key"));
        }
        if (!seen.add(key)) {
            throw error("expected each key once, found " + PolicyYaml.quote(key) + " again");
        }
        return true;
    }

    private void expect(JsonToken token, String what) throws IOException, PolicyException {
        if (yaml.currentToken() != token) {
            throw error("expected " + what + ", found " + found());
        }
    }

    /** What the current token is; its text only in a file that showed itself a policy. */
    private String found() throws IOException {
        JsonToken t = yaml.currentToken();
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_NULL -> "nothing";
            case VALUE_STRING -> recognized ? PolicyYaml.quote(yaml.getText()) : "a text";
            case FIELD_NAME -> recognized ? "the key " + PolicyYaml.quote(yaml.getText()) : "a key";
            default -> recognized ? PolicyYaml.quote(yaml.getText()).replace("'", "") : "a value";
        };
    }

    private PolicyException error(String message) {
        JsonLocation at = yaml.currentTokenLocation();
        return new PolicyException(file, at.getLineNr(), at.getColumnNr(), message);
    }
}
