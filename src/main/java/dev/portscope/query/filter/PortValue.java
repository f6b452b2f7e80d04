package dev.portscope.query.filter;

import dev.portscope.model.Protocol;
import dev.portscope.services.ServiceTable;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The port a condition names: a number, a service name ({@code :ssh}), or {@code *} (any port).
 * A service name stands for a port per protocol, as {@code ss} asks {@code getservbyname} for tcp
 * and udp: {@code :ssh} is 22 for TCP sockets and names nothing for UDP ones.
 */
public sealed interface PortValue {

    /** A port given as a number, 0 to 65535. */
    record Number(int port) implements PortValue {
        public Number {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    /** A port given by service name, resolved once per protocol when the filter was read. */
    record Named(String name, Map<Protocol, Integer> ports) implements PortValue {
        public Named {
            ports = Map.copyOf(ports);
        }
    }

    /** {@code *}: any port. ss keeps it as port -1, so {@code dport > *} holds for every socket. */
    record Any() implements PortValue {}

    /**
     * The port this value means for a socket of {@code protocol}; -1 for {@link Any} (as in ss), empty
     * when a service name has no port for that protocol.
     */
    default OptionalInt resolve(Protocol protocol) {
        return switch (this) {
            case Number n -> OptionalInt.of(n.port());
            case Named n -> n.ports().containsKey(protocol) ? OptionalInt.of(n.ports().get(protocol)) : OptionalInt.empty();
            case Any a -> OptionalInt.of(-1);
        };
    }

    /** How the value is written back: {@code 22}, {@code ssh} or {@code *}. */
    default String text() {
        return switch (this) {
            case Number n -> Integer.toString(n.port());
            case Named n -> n.name();
            case Any a -> "*";
        };
    }

    /**
     * Reads a port as ss does after {@code sport}/{@code dport} or after the colon of an address:
     * digits, {@code *}, or a service name.
     *
     * @param text  the port alone (no leading colon)
     * @param token the whole token, named in errors
     */
    static PortValue parse(String text, Token token, ServiceTable services) {
        if (text.equals("*")) {
            return new Any();
        }
        if (text.isEmpty()) {
            throw token.error("expected a port in " + token.quoted());
        }
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (text.length() > 5 || Integer.parseInt(text) > 65_535) {
                throw token.error("port " + text + within(text, token) + " is out of range 0-65535");
            }
            return new Number(Integer.parseInt(text));
        }
        if (text.startsWith("-") && text.length() > 1 && text.substring(1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw token.error("port " + text + within(text, token) + " is out of range 0-65535");
        }
        Map<Protocol, Integer> ports = new EnumMap<>(Protocol.class);
        for (Protocol protocol : Protocol.values()) {
            services.portOf(protocol, text).ifPresent(port -> ports.put(protocol, port));
        }
        if (ports.isEmpty()) {
            throw token.error("unknown service '" + text + "'" + within(text, token) + ": give a port number or a known service name");
        }
        return new Named(text, ports);
    }

    /** " in 'TOKEN'" when the port is only part of its token ({@code 10.0.0.1:99999}), else nothing. */
    private static String within(String text, Token token) {
        return token.text().equals(text) || token.text().equals(":" + text) ? "" : " in " + token.quoted();
    }
}
