package dev.portscope.platform.linux;

import dev.portscope.model.PortForward;
import dev.portscope.model.Protocol;
import dev.portscope.query.IpLiteral;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The DNAT rules of {@code iptables-save -t nat} (and {@code ip6tables-save}, legacy or nft flavour)
 * that forward a destination port: {@code -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT
 * --to-destination 172.17.0.2:80}, as Docker and Podman (CNI, netavark's iptables driver) write them.
 * Rules that match no destination port (a jump to a chain that does) are not followed.
 */
final class IptablesNatParser {

    /** A rule's port range is expanded up to this many ports; a wider one is a firewall policy, not a published port. */
    static final int MAX_PORTS_PER_RULE = 4096;

    private IptablesNatParser() {}

    /**
     * @param flavour how the rules were read, for people ({@code iptables-nft}, {@code iptables-legacy})
     * @throws IllegalArgumentException naming the line, when a DNAT rule's target cannot be read
     */
    static List<PortForward> parse(String text, String flavour) {
        List<PortForward> forwards = new ArrayList<>();
        String table = null;
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.startsWith("*")) {
                table = line.substring(1).strip();
                continue;
            }
            if (!"nat".equals(table) || !line.startsWith("-A ") || !line.contains(" -j DNAT")) {
                continue;
            }
            try {
                rule(tokens(line), flavour, forwards);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage());
            }
        }
        return forwards;
    }

    private static void rule(List<String> tokens, String flavour, List<PortForward> out) {
        String chain = tokens.get(1);
        Protocol protocol = null;
        String destination = null;
        String ports = null;
        String to = null;
        for (int i = 2; i < tokens.size(); i++) {
            boolean negated = tokens.get(i - 1).equals("!");
            String option = tokens.get(i);
            String value = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            switch (option) {
                case "-p", "--protocol" -> protocol = switch (value == null ? "" : value) {
                    case "tcp" -> Protocol.TCP;
                    case "udp" -> Protocol.UDP;
                    default -> null;
                };
                case "-d", "--destination" -> destination = negated ? null : host(value);
                case "--dport", "--destination-port", "--dports", "--destination-ports" -> ports = negated ? null : value;
                case "--to-destination" -> to = value;
                default -> { }
            }
        }
        if (protocol == null || ports == null || to == null) {
            return; // not a published port: no protocol, no port, or a port it does not name
        }
        Target target = target(to);
        String by = flavour + " nat " + chain;
        int count = 0;
        for (String part : ports.split(",")) {
            String[] range = part.split(":", 2);
            int first = port(range[0]);
            int last = range.length == 2 ? port(range[1]) : first;
            for (int port = first; port <= last && count < MAX_PORTS_PER_RULE; port++, count++) {
                out.add(new PortForward(protocol, destination, port, target.address(), target.port(), by));
            }
        }
    }

    record Target(InetAddress address, int port) {}

    /** {@code 172.17.0.2:80}, {@code 172.17.0.5}, {@code [fd00::2]:443}, {@code 10.0.0.1-10.0.0.3:80-82}: the first of each range. */
    static Target target(String text) {
        String address;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in --to-destination " + text);
            }
            address = text.substring(1, close);
            if (text.length() > close + 1 && text.charAt(close + 1) == ':') {
                port = text.substring(close + 2);
            }
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') >= 0) {
            address = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        } else {
            address = text; // IPv4 without a port, or IPv6 without brackets (no port then)
        }
        if (address.contains("-")) {
            address = address.substring(0, address.indexOf('-'));
        }
        int targetPort = 0;
        if (port != null && !port.isEmpty()) {
            targetPort = port(port.contains("-") ? port.substring(0, port.indexOf('-')) : port);
        }
        try {
            return new Target(IpLiteral.parse(address), targetPort);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--to-destination " + text + ": " + e.getMessage());
        }
    }

    /** {@code 127.0.0.1/32} is one address; a wider prefix stays a prefix. */
    private static String host(String value) {
        if (value == null) {
            return null;
        }
        return value.endsWith("/32") || value.endsWith("/128") ? value.substring(0, value.lastIndexOf('/')) : value;
    }

    private static int port(String text) {
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) > 65_535 || Integer.parseInt(text) == 0) {
            throw new IllegalArgumentException("bad port '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    /** The words of a rule, double quotes (comments) kept together. */
    private static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < line.length()) {
                word.append(line.charAt(++i));
            } else if (c == ' ' && !quoted) {
                if (!word.isEmpty()) {
                    tokens.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            tokens.add(word.toString());
        }
        return tokens;
    }
}
