package dev.portscope.query;

import dev.portscope.model.AddressText;
import dev.portscope.model.Protocol;
import dev.portscope.services.ServiceTable;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * A port as users name it: {@code 8080}, {@code :8080}, {@code 8080/udp}, {@code 127.0.0.1:8080},
 * {@code [::1]:8080}, or a service name ({@code ssh}, {@code :https/tcp}).
 *
 * @param port     the port number
 * @param protocol the protocol asked for, empty for both
 * @param address  the local address asked for, empty for any (only IP literals, read by {@link IpLiteral}: no DNS)
 */
public record PortTarget(int port, Optional<Protocol> protocol, Optional<InetAddress> address) {

    /** @throws IllegalArgumentException with a one-line message naming the bad part */
    public static PortTarget parse(String text, ServiceTable services) {
        String rest = text.strip();
        Optional<Protocol> protocol = Optional.empty();
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            String proto = rest.substring(slash + 1).toLowerCase(Locale.ROOT);
            protocol = Optional.of(switch (proto) {
                case "tcp" -> Protocol.TCP;
                case "udp" -> Protocol.UDP;
                default -> throw new IllegalArgumentException("unknown protocol '" + proto + "' in '" + text + "' (expected tcp or udp)");
            });
            rest = rest.substring(0, slash);
        }
        BracketCheck.check(rest, text);
        Optional<InetAddress> address = Optional.empty();
        String portText = rest;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            String host = rest.substring(0, colon);
            portText = rest.substring(colon + 1);
            if (!host.isEmpty()) {
                address = Optional.of(literal(host, text));
            }
        }
        if (portText.isEmpty()) {
            throw new IllegalArgumentException("no port in '" + text + "'");
        }
        return new PortTarget(port(portText, protocol, services, text), protocol, address);
    }

    private static InetAddress literal(String host, String text) {
        try {
            return IpLiteral.parse(host.equalsIgnoreCase("localhost") ? "127.0.0.1" : host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in '" + text + "'");
        }
    }

    private static int port(String portText, Optional<Protocol> protocol, ServiceTable services, String text) {
        if (!portText.isEmpty() && portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (portText.length() > 5 || Integer.parseInt(portText) > 65_535) {
                throw new IllegalArgumentException("port out of range (0-65535): '" + portText + "'");
            }
            return Integer.parseInt(portText);
        }
        Protocol lookup = protocol.orElse(Protocol.TCP);
        return services.portOf(lookup, portText)
                .or(() -> protocol.isEmpty() ? services.portOf(Protocol.UDP, portText) : Optional.empty())
                .orElseThrow(() -> new IllegalArgumentException("unknown service name '" + portText + "' in '" + text + "'"));
    }

    /** The port with its protocol, as titles show it: {@code 8080/tcp}, {@code 53}. */
    public String label() {
        String where = address.map(a -> AddressText.withPort(a, port)).orElse(Integer.toString(port));
        return where + protocol.map(p -> "/" + p.label()).orElse("");
    }
}
