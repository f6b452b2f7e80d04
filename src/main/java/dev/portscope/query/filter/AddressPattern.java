package dev.portscope.query.filter;

import dev.portscope.model.Endpoint;
import dev.portscope.model.Socket;
import dev.portscope.services.ServiceTable;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code src}/{@code dst} ask of an endpoint: an address prefix (empty: any address) and a
 * port ({@link PortValue.Any}: any port). Forms, as ss's {@code parse_hostcond}:
 * {@code 10.0.0.1}, {@code 10.0.0.1:22}, {@code 10.0.0.0/8}, {@code 10.0.0.0/8:22}, {@code [::1]},
 * {@code [::1]:22}, {@code [fe80::]/10}, {@code *}, {@code *:22}, {@code :22}, {@code 10.0.0.1:*}, and the keywords
 * {@code any}, {@code all} and {@code default} for any address. A bare IPv6 address ({@code fe80::1})
 * is taken whole, without a port: write {@code [fe80::1]:22} for a port.
 */
public record AddressPattern(Optional<IpPrefix> prefix, PortValue port) {

    public boolean matches(Socket socket, Side side) {
        Endpoint endpoint = side.of(socket);
        if (!(port instanceof PortValue.Any)) {
            OptionalInt wanted = port.resolve(socket.protocol());
            if (wanted.isEmpty() || wanted.getAsInt() != endpoint.port()) {
                return false;
            }
        }
        return prefix.map(p -> p.contains(endpoint, socket.family())).orElse(true);
    }

    /** The pattern as a filter word: {@code 10.0.0.0/8:22}, {@code [::1]}, {@code *:ssh}, {@code *}. */
    public String text() {
        String host = prefix.map(p -> p.isIpv6() ? "[" + p.text() + "]" : p.text()).orElse("*");
        return port instanceof PortValue.Any ? host : host + ":" + port.text();
    }

    static AddressPattern parse(Token token, ServiceTable services) {
        String text = token.text();
        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw token.error("missing ']' in " + token.quoted());
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (rest.startsWith("/")) { // [fe80::]/10: the length may follow the bracket too
                int colon = rest.indexOf(':');
                host += colon < 0 ? rest : rest.substring(0, colon);
                rest = colon < 0 ? "" : rest.substring(colon);
            }
            portText = portAfter(rest, token, "']'");
            if (host.isEmpty()) {
                throw token.error("expected an address inside '[' ']' in " + token.quoted());
            }
        } else if (text.startsWith("*")) {
            host = "";
            portText = portAfter(text.substring(1), token, "'*'");
        } else if (text.indexOf(':') != text.lastIndexOf(':')) {
            host = text; // a bare IPv6 address: its colons are not a port separator
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && colon > text.indexOf('/')) {
                host = text.substring(0, colon);
                portText = text.substring(colon + 1);
            } else {
                host = text;
            }
        }
        PortValue port = portText == null || portText.isEmpty() ? new PortValue.Any() : PortValue.parse(portText, token, services);
        boolean anyHost = host.isEmpty() || host.equals("any") || host.equals("all") || host.equals("default");
        return new AddressPattern(anyHost ? Optional.empty() : Optional.of(IpPrefix.parse(host, token)), port);
    }

    private static String portAfter(String rest, Token token, String after) {
        if (rest.isEmpty()) {
            return null;
        }
        if (!rest.startsWith(":")) {
            throw token.error("expected ':' and a port after " + after + " in " + token.quoted());
        }
        return rest.substring(1);
    }
}
