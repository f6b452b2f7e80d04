package dev.portscope.query.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FilterPropertiesTest {

    @Provide
    Arbitrary<Socket> sockets() {
        return FilterArbitraries.sockets();
    }

    @Provide
    Arbitrary<List<Socket>> socketLists() {
        return FilterArbitraries.sockets().list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<Filter> anyFilters() {
        return FilterArbitraries.anyFilters(4);
    }

    @Provide
    Arbitrary<Filter> writableFilters() {
        return FilterArbitraries.writableFilters();
    }

    /** Pushing {@code possibleStates()} down to a backend never loses a socket the filter accepts. */
    @Property(tries = 1000)
    void aBackendAskingOnlyForThePossibleStatesLosesNothing(@ForAll("anyFilters") Filter filter, @ForAll("sockets") Socket socket) {
        for (SocketState state : SocketState.values()) {
            Socket inState = new Socket(socket.protocol(), socket.family(), socket.local(), socket.remote(), state,
                    socket.uid(), socket.key(), socket.receiveQueue(), socket.sendQueue(), socket.v6Only(), socket.linux());
            if (filter.test(inState)) {
                assertThat(filter.possibleStates()).as("%s accepts %s", filter, inState).contains(state);
            }
        }
    }

    /** Written as a user might type it and read back, a filter is the same tree and selects as the plain predicate does. */
    @Property(tries = 1000)
    void aTypedFilterReadsBackToItsTreeAndSelectsAsThePlainPredicate(
            @ForAll("writableFilters") Filter tree, @ForAll long seed, @ForAll("socketLists") List<Socket> sockets) {
        String text = new RandomSpelling(seed).write(tree);
        Filter parsed = Filter.parse(text, FilterArbitraries.SERVICES);
        assertThat(parsed).as(text).isEqualTo(tree);
        for (Socket socket : sockets) {
            assertThat(parsed.test(socket)).as("%s on %s", text, socket).isEqualTo(plain(tree, socket));
        }
    }

    /** {@link Filter#text()} is read back by {@link Filter#parse} to the same tree. */
    @Property(tries = 500)
    void textReadsBackToTheSameTree(@ForAll("writableFilters") Filter tree) {
        assertThat(Filter.parse(tree.text(), FilterArbitraries.SERVICES)).as(tree.text()).isEqualTo(tree);
    }

    /**
     * The meaning of a tree written out plainly from ss's run_ssfilter (misc/ss.c) and the kernel's
     * bytecode filter (net/ipv4/inet_diag.c), with prefixes compared as strings of bits: the reference
     * the parsed filter is held to.
     */
    static boolean plain(Filter filter, Socket socket) {
        return switch (filter) {
            case Filter.MatchAll m -> true;
            case Filter.StateIs s -> s.states().contains(socket.state());
            case Filter.Not n -> !plain(n.operand(), socket);
            case Filter.And a -> plain(a.left(), socket) && plain(a.right(), socket);
            case Filter.Or o -> plain(o.left(), socket) || plain(o.right(), socket);
            case Filter.PortCompare p -> {
                int actual = (p.side() == Side.LOCAL ? socket.local() : socket.remote()).port();
                OptionalInt wanted = portOf(p.value(), socket);
                boolean any = p.value() instanceof PortValue.Any;
                yield switch (p.comparison()) {
                    case EQ -> any || (wanted.isPresent() && actual == wanted.getAsInt());
                    case NE -> !(any || (wanted.isPresent() && actual == wanted.getAsInt()));
                    case LT -> wanted.isPresent() && actual < wanted.getAsInt();
                    case LE -> wanted.isPresent() && actual <= wanted.getAsInt();
                    case GT -> wanted.isPresent() && actual > wanted.getAsInt();
                    case GE -> wanted.isPresent() && actual >= wanted.getAsInt();
                };
            }
            case Filter.AddressMatch a -> {
                Endpoint end = a.side() == Side.LOCAL ? socket.local() : socket.remote();
                AddressPattern pattern = a.pattern();
                boolean portOk = pattern.port() instanceof PortValue.Any
                        || portOf(pattern.port(), socket).equals(OptionalInt.of(end.port()));
                // the family is checked before the length, as the kernel's inet_diag_bc_run does: ::/0 takes no IPv4 socket
                boolean addressOk = pattern.prefix().map(prefix -> {
                    InetAddress address = end.address();
                    if (prefix.isIpv6() && address instanceof Inet4Address && socket.family() == IpFamily.IPV6) {
                        address = FilterArbitraries.mappedIpv6(address);
                    }
                    String have = bits(address);
                    String want = bits(prefix.address());
                    return have.length() == want.length() && have.startsWith(want.substring(0, prefix.length()));
                }).orElse(true);
                yield portOk && addressOk;
            }
        };
    }

    /** ss keeps "any port" as -1; a service name has a port per protocol, or none. */
    private static OptionalInt portOf(PortValue value, Socket socket) {
        return switch (value) {
            case PortValue.Any a -> OptionalInt.of(-1);
            case PortValue.Number n -> OptionalInt.of(n.port());
            case PortValue.Named n -> {
                Integer port = n.ports().get(socket.protocol());
                yield port == null ? OptionalInt.empty() : OptionalInt.of(port);
            }
        };
    }

    private static String bits(InetAddress address) {
        StringBuilder bits = new StringBuilder();
        for (byte b : address.getAddress()) {
            String s = Integer.toBinaryString(b & 0xff);
            bits.append("0".repeat(8 - s.length())).append(s);
        }
        return bits.toString();
    }
}
