package dev.portscope.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which connections {@link PortScope#connections(ConnectionQuery)} returns: every TCP socket that is
 * not listening and every connected UDP socket, narrowed by transport and by a filter in the language
 * of {@code ss} (the one {@code portscope conns} takes: states, addresses, ports, {@code and},
 * {@code or}, {@code not}, parentheses).
 *
 * {@snippet :
 * ConnectionQuery toHttps = ConnectionQuery.filter("state established dport = :443");
 * ConnectionQuery tcpOnly = ConnectionQuery.all().transports(Transport.TCP);
 * }
 *
 * @param transports the transports wanted; never empty
 * @param filter     an {@code ss} filter expression; empty for none
 */
public record ConnectionQuery(Set<Transport> transports, String filter) {

    public ConnectionQuery {
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("a query needs at least one transport");
        }
        transports = Set.copyOf(transports);
        Objects.requireNonNull(filter, "filter");
    }

    /** Every connection, TCP and UDP. */
    public static ConnectionQuery all() {
        return new ConnectionQuery(EnumSet.allOf(Transport.class), "");
    }

    /**
     * The connections an {@code ss} filter selects, e.g. {@code "dport = :ssh or sport = :ssh"}; a
     * syntax error is reported when the query is run, as an {@link IllegalArgumentException} naming the column.
     */
    public static ConnectionQuery filter(String expression) {
        return new ConnectionQuery(EnumSet.allOf(Transport.class), expression);
    }

    /** This query, for these transports only. */
    public ConnectionQuery transports(Transport first, Transport... more) {
        return new ConnectionQuery(EnumSet.of(first, more), filter);
    }
}
