package dev.portscope.query.filter;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.services.ServiceTable;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random sockets and random filter trees over a small world of addresses and ports, so that random
 * conditions often hold for random sockets.
 */
final class FilterArbitraries {

    static final ServiceTable SERVICES = ServiceTable.embedded();

    private static final List<String> IPV4 = List.of("0.0.0.0", "10.0.0.1", "10.0.0.2", "10.1.2.3", "127.0.0.1", "192.168.1.9");
    private static final List<String> IPV6 = List.of("::", "::1", "fec0:42::24", "fec0:42::1", "fe80::1");
    private static final List<Integer> PORTS = List.of(0, 22, 53, 80, 443, 8080, 36266, 50312);
    private static final List<String> SERVICE_NAMES = List.of("ssh", "domain", "http", "https", "ntp");
    /** The states ss has names for; the others are reached only through 'all' and 'exclude'. */
    static final Set<SocketState> NAMEABLE = EnumSet.complementOf(EnumSet.of(SocketState.NEW_SYN_RECV, SocketState.BOUND_INACTIVE));

    private FilterArbitraries() {}

    static Arbitrary<Socket> sockets() {
        Arbitrary<Protocol> protocol = Arbitraries.of(Protocol.class);
        Arbitrary<SocketState> state = Arbitraries.of(SocketState.class);
        Arbitrary<Socket> v4 = Combinators.combine(protocol, endpoint(IPV4), endpoint(IPV4), state)
                .as((p, l, r, s) -> socket(p, IpFamily.IPV4, l, r, s));
        // IPv6 sockets, some on IPv4-mapped addresses (Java gives those as Inet4Address)
        Arbitrary<List<String>> v6Hosts = Arbitraries.oneOf(Arbitraries.just(IPV6), Arbitraries.just(IPV4));
        Arbitrary<Socket> v6 = v6Hosts.flatMap(hosts -> Combinators.combine(protocol, endpoint(hosts), endpoint(hosts), state)
                .as((p, l, r, s) -> socket(p, IpFamily.IPV6, l, r, s)));
        return Arbitraries.oneOf(v4, v6);
    }

    private static Socket socket(Protocol protocol, IpFamily family, Endpoint local, Endpoint remote, SocketState state) {
        return new Socket(protocol, family, local, remote, state, 0, 0, 0, 0, null, null);
    }

    private static Arbitrary<Endpoint> endpoint(List<String> hosts) {
        return Combinators.combine(Arbitraries.of(hosts), port()).as((h, p) -> new Endpoint(InetAddress.ofLiteral(h), p));
    }

    private static Arbitrary<Integer> port() {
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(PORTS)), Tuple.of(1, Arbitraries.integers().between(0, 65_535)));
    }

    /** Expressions without state sets: what can be written after the leading state words. */
    static Arbitrary<Filter> expressions(int depth) {
        if (depth == 0) {
            return conditions();
        }
        Arbitrary<Filter> smaller = Arbitraries.lazy(() -> expressions(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(2, conditions()),
                Tuple.of(1, smaller.map(Filter.Not::new)),
                Tuple.of(2, Combinators.combine(smaller, smaller).as(Filter.And::new)),
                Tuple.of(2, Combinators.combine(smaller, smaller).as(Filter.Or::new)));
    }

    /** Filters as the parser makes them: optional leading state set, then an optional expression. */
    static Arbitrary<Filter> writableFilters() {
        Arbitrary<Filter> stated = Combinators.combine(writableStates(), expressions(4)).as(Filter.And::new);
        return Arbitraries.frequencyOf(
                Tuple.of(4, expressions(4)),
                Tuple.of(2, stated),
                Tuple.of(1, writableStates().map(Filter.class::cast)));
    }

    /** Any tree, state sets anywhere: for properties that need no text. */
    static Arbitrary<Filter> anyFilters(int depth) {
        Arbitrary<Filter> leaf = Arbitraries.frequencyOf(
                Tuple.of(2, conditions()),
                Tuple.of(2, Arbitraries.subsetOf(SocketState.values()).map(s -> (Filter) new Filter.StateIs(s))),
                Tuple.of(1, Arbitraries.just(new Filter.MatchAll())));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Filter> smaller = Arbitraries.lazy(() -> anyFilters(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(2, leaf),
                Tuple.of(1, smaller.map(Filter.Not::new)),
                Tuple.of(2, Combinators.combine(smaller, smaller).as(Filter.And::new)),
                Tuple.of(2, Combinators.combine(smaller, smaller).as(Filter.Or::new)));
    }

    /** State sets the language can spell: names only, or every state but named ones. */
    private static Arbitrary<Filter.StateIs> writableStates() {
        Arbitrary<Set<SocketState>> named = Arbitraries.subsetOf(NAMEABLE).ofMinSize(1);
        Arbitrary<Set<SocketState>> excluded = Arbitraries.subsetOf(NAMEABLE).map(s -> {
            Set<SocketState> rest = EnumSet.allOf(SocketState.class);
            rest.removeAll(s);
            return rest;
        });
        return Arbitraries.oneOf(named, excluded).map(Filter.StateIs::new);
    }

    static Arbitrary<Filter> conditions() {
        Arbitrary<Side> side = Arbitraries.of(Side.class);
        Arbitrary<Filter> ports = Combinators.combine(side, Arbitraries.of(Comparison.class), portValues()).as(Filter.PortCompare::new);
        Arbitrary<Filter> addresses = Combinators.combine(side, patterns()).as(Filter.AddressMatch::new);
        return Arbitraries.oneOf(ports, addresses);
    }

    private static Arbitrary<PortValue> portValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, port().map(PortValue.Number::new)),
                Tuple.of(2, Arbitraries.of(SERVICE_NAMES).map(FilterArbitraries::named)),
                Tuple.of(1, Arbitraries.just(new PortValue.Any())));
    }

    static PortValue.Named named(String name) {
        Map<Protocol, Integer> ports = new EnumMap<>(Protocol.class);
        for (Protocol protocol : Protocol.values()) {
            SERVICES.portOf(protocol, name).ifPresent(p -> ports.put(protocol, p));
        }
        return new PortValue.Named(name, ports);
    }

    private static Arbitrary<AddressPattern> patterns() {
        Arbitrary<Optional<IpPrefix>> prefix = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Optional.<IpPrefix>empty())),
                Tuple.of(3, prefixes().map(Optional::of)));
        Arbitrary<PortValue> port = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(new PortValue.Any())),
                Tuple.of(2, portValues()));
        return Combinators.combine(prefix, port).as(AddressPattern::new);
    }

    private static Arbitrary<IpPrefix> prefixes() {
        Arbitrary<InetAddress> v4 = Arbitraries.of(IPV4).map(InetAddress::ofLiteral);
        Arbitrary<InetAddress> v6 = Arbitraries.of(IPV6).map(InetAddress::ofLiteral);
        Arbitrary<InetAddress> mapped = Arbitraries.of(IPV4).map(h -> mappedIpv6(InetAddress.ofLiteral(h)));
        return Arbitraries.frequencyOf(Tuple.of(3, v4), Tuple.of(2, v6), Tuple.of(1, mapped))
                .flatMap(address -> {
                    int bits = address.getAddress().length * 8;
                    Arbitrary<Integer> length = Arbitraries.frequencyOf(
                            Tuple.of(4, Arbitraries.just(bits)),
                            Tuple.of(1, Arbitraries.just(0)),
                            Tuple.of(3, Arbitraries.integers().between(0, bits)));
                    return length.map(l -> new IpPrefix(address, l));
                });
    }

    /** {@code ::ffff:a.b.c.d} kept as an IPv6 address (InetAddress.getByAddress would make it IPv4). */
    static InetAddress mappedIpv6(InetAddress ipv4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(ipv4.getAddress(), 0, bytes, 12, 4);
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
