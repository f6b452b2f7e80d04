package dev.portscope.platform.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.model.PortForward;
import dev.portscope.model.Protocol;
import dev.portscope.query.IpLiteral;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code dnat} rules of {@code nft -j list ruleset} ({@code libnftables-json(5)}) that forward a
 * destination port: {@code tcp dport 8080 dnat ip to 172.17.0.2:80}, as Docker's nftables
 * firewall backend, netavark and people write them. A port may be a number, a set or a range; the
 * protocol a {@code tcp}/{@code udp} payload match or {@code meta l4proto} with {@code th dport}.
 * Rules iptables-nft made show their DNAT as an opaque {@code xt} target: they are read from
 * {@code iptables-nft-save} instead. Maps ({@code dnat to tcp dport map @ports}) are not followed.
 */
final class NftNatParser {

    private NftNatParser() {}

    /** @throws IllegalArgumentException when the text is not nft's JSON */
    static List<PortForward> parse(byte[] json) {
        // Most rulesets have no dnat at all: say so without building a tree (and loading a JSON mapper).
        String head = new String(json, 0, Math.min(json.length, 16), StandardCharsets.US_ASCII);
        if (head.startsWith("{\"nftables\":") && !contains(json, DNAT)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.path("nftables").isArray()) {
            throw new IllegalArgumentException("no \"nftables\" array");
        }
        List<PortForward> forwards = new ArrayList<>();
        for (JsonNode item : root.path("nftables")) {
            JsonNode rule = item.path("rule");
            if (rule.isObject()) {
                try {
                    rule(rule, forwards);
                } catch (IllegalArgumentException e) {
                    // a dnat to something that is not an address literal: no published port to show
                }
            }
        }
        return forwards;
    }

    private static void rule(JsonNode rule, List<PortForward> out) {
        List<Protocol> protocols = new ArrayList<>();
        List<Protocol> l4 = new ArrayList<>();
        List<int[]> ports = new ArrayList<>();
        String destination = null;
        InetAddress target = null;
        int targetPort = 0;
        for (JsonNode expr : rule.path("expr")) {
            JsonNode match = expr.path("match");
            if (match.isObject() && "==".equals(match.path("op").asText("=="))) {
                JsonNode left = match.path("left");
                JsonNode right = match.path("right");
                JsonNode payload = left.path("payload");
                String field = payload.path("field").asText();
                String protocol = payload.path("protocol").asText();
                if (field.equals("dport") && (protocol.equals("tcp") || protocol.equals("udp") || protocol.equals("th"))) {
                    ports(right, ports);
                    if (!protocol.equals("th")) {
                        protocols.add(protocol.equals("tcp") ? Protocol.TCP : Protocol.UDP);
                    }
                } else if (field.equals("daddr") && (protocol.equals("ip") || protocol.equals("ip6"))) {
                    destination = right.isTextual() ? right.asText()
                            : right.path("prefix").isObject() ? right.path("prefix").path("addr").asText() + "/" + right.path("prefix").path("len").asInt()
                            : null;
                } else if (left.path("meta").path("key").asText().equals("l4proto")) {
                    for (JsonNode value : right.path("set").isArray() ? right.path("set") : List.of(right)) {
                        if (value.asText().equals("tcp")) {
                            l4.add(Protocol.TCP);
                        } else if (value.asText().equals("udp")) {
                            l4.add(Protocol.UDP);
                        }
                    }
                }
            }
            JsonNode dnat = expr.path("dnat");
            if (dnat.isObject() && dnat.path("addr").isTextual()) {
                target = IpLiteral.parse(dnat.path("addr").asText());
                JsonNode port = dnat.path("port");
                targetPort = port.isInt() ? port.asInt() : port.path("range").path(0).asInt(0);
            }
        }
        if (protocols.isEmpty()) {
            protocols = l4;
        }
        if (target == null || ports.isEmpty() || protocols.isEmpty() || targetPort < 0 || targetPort > 65_535) {
            return;
        }
        String by = "nftables " + rule.path("family").asText() + " " + rule.path("table").asText() + " " + rule.path("chain").asText();
        int count = 0;
        for (Protocol protocol : protocols) {
            for (int[] range : ports) {
                for (int port = range[0]; port <= range[1] && count < IptablesNatParser.MAX_PORTS_PER_RULE; port++, count++) {
                    out.add(new PortForward(protocol, destination, port, target, targetPort, by));
                }
            }
        }
    }

    private static final byte[] DNAT = "\"dnat\"".getBytes(StandardCharsets.US_ASCII);

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A number, {@code {"range": [a, b]}}, or {@code {"set": [...]}} of either. */
    private static void ports(JsonNode right, List<int[]> out) {
        if (right.isInt()) {
            add(out, right.asInt(), right.asInt());
        } else if (right.path("range").isArray()) {
            add(out, right.path("range").path(0).asInt(-1), right.path("range").path(1).asInt(-1));
        } else if (right.path("set").isArray()) {
            for (JsonNode element : right.path("set")) {
                ports(element, out);
            }
        }
    }

    private static void add(List<int[]> out, int first, int last) {
        if (first >= 1 && last >= first && last <= 65_535) {
            out.add(new int[] {first, last});
        }
    }
}
