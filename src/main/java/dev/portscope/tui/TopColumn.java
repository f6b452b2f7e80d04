package dev.portscope.tui;

import dev.portscope.engine.Sighting;
import dev.portscope.model.Endpoint;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.TcpInfo;
import dev.portscope.render.Column;
import dev.portscope.render.ListingContext;
import dev.portscope.render.ListingRow;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The columns of {@code top}: their text is the listings' ({@link Column}), their order is by value
 * (ports and queues as numbers, addresses by their bytes), and a cell is "changed" when that value
 * differs from the previous refresh's.
 */
public enum TopColumn {
    PROTO(Column.PROTO, s -> s.socket().protocol().ordinal() * 2 + s.socket().family().ordinal(), false),
    STATE(Column.STATE, s -> s.socket().state().displayName(s.socket().protocol()), false),
    LOCAL(Column.LOCAL, s -> EndpointKey.of(s.socket().local()), false),
    REMOTE(Column.REMOTE, s -> EndpointKey.of(s.socket().remote()), false),
    RECV_Q(Column.RECV_Q, s -> s.socket().receiveQueue(), true),
    SEND_Q(Column.SEND_Q, s -> s.socket().sendQueue(), true),
    RTT(Column.RTT, s -> info(s) == null ? null : info(s).rttMicros(), true),
    RETRANS(Column.RETRANS, s -> info(s) == null ? null : info(s).totalRetransmits(), true),
    PID(Column.PID, s -> s.owners().isEmpty() ? null : s.owners().stream().mapToInt(ProcessInfo::pid).min().orElseThrow(), false),
    PROCESS(Column.PROCESS, s -> s.owners().isEmpty() ? null : s.owners().getFirst().name().toLowerCase(Locale.ROOT), false),
    USER(Column.USER, s -> s.owners().isEmpty() ? null : s.owners().getFirst().user(), false);

    private final Column column;
    private final Function<Sighting, Comparable<?>> key;
    private final boolean descendingFirst;

    TopColumn(Column column, Function<Sighting, Comparable<?>> key, boolean descendingFirst) {
        this.column = column;
        this.key = key;
        this.descendingFirst = descendingFirst;
    }

    /** The columns shown: RTT and RETRANS only with TCP details. */
    public static List<TopColumn> shown(boolean details) {
        return Arrays.stream(values()).filter(c -> details || (c != RTT && c != RETRANS)).toList();
    }

    public String header() {
        return column.header();
    }

    public boolean alignsRight() {
        return column.alignsRight();
    }

    /** The cell's text, as the listings write it (foreign names escaped). */
    public String text(Sighting sighting, ListingContext context) {
        return column.text(new ListingRow(sighting.socket(), sighting.owners()), context);
    }

    /** Queues, RTT and retransmissions are first sorted largest first; the rest smallest first. */
    public boolean descendingFirst() {
        return descendingFirst;
    }

    /** By this column's value, either way; rows without one (no owner, no TCP details) come last both ways. */
    public Comparator<Sighting> order(boolean descending) {
        return (a, b) -> compareKeys(key.apply(a), key.apply(b), descending);
    }

    /** The value rows are sorted by; null when there is none. */
    Comparable<?> key(Sighting sighting) {
        return key.apply(sighting);
    }

    /** Whether this cell's value differs between two sightings of the same socket. */
    public boolean changed(Sighting before, Sighting after) {
        return !Objects.equals(key.apply(before), key.apply(after));
    }

    private static TcpInfo info(Sighting s) {
        return s.socket().tcpInfo();
    }

    /** Nulls (nothing known) last; otherwise the values' own order, or its reverse. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareKeys(Comparable<?> a, Comparable<?> b, boolean descending) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = ((Comparable) a).compareTo(b);
        return descending ? -c : c;
    }

    /**
     * An address and port ordered as people read them: IPv4 before IPv6, then by the address's
     * bytes, then the port. The bytes are taken once, not at each comparison of a sort.
     */
    record EndpointKey(byte[] address, int port) implements Comparable<EndpointKey> {

        static EndpointKey of(Endpoint endpoint) {
            return new EndpointKey(endpoint.address().getAddress(), endpoint.port());
        }

        @Override
        public int compareTo(EndpointKey other) {
            int c = address.length != other.address.length ? Integer.compare(address.length, other.address.length)
                    : Arrays.compareUnsigned(address, other.address);
            return c != 0 ? c : Integer.compare(port, other.port);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EndpointKey k && port == k.port && Arrays.equals(address, k.address);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(address) * 31 + port;
        }

        @Override
        public String toString() {
            return Arrays.toString(address) + ":" + port;
        }
    }
}
