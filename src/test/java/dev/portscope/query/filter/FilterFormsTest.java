package dev.portscope.query.filter;

import static dev.portscope.model.SocketState.*;
import static dev.portscope.query.filter.TestSockets.tcp;
import static dev.portscope.query.filter.TestSockets.tcp6;
import static dev.portscope.query.filter.TestSockets.udp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.query.filter.Filter.AddressMatch;
import dev.portscope.query.filter.Filter.And;
import dev.portscope.query.filter.Filter.Not;
import dev.portscope.query.filter.Filter.Or;
import dev.portscope.query.filter.Filter.PortCompare;
import dev.portscope.query.filter.Filter.StateIs;
import dev.portscope.services.ServiceTable;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each form of the language: what it parses to and which sockets it selects. */
class FilterFormsTest {

    private static final ServiceTable SERVICES = ServiceTable.embedded();

    private static final Socket LISTENER = tcp("0.0.0.0:22", "0.0.0.0:0", LISTEN);
    private static final Socket INBOUND = tcp("10.0.0.1:22", "10.0.0.2:50312", ESTABLISHED);
    private static final Socket OUTBOUND = tcp("10.0.0.1:36266", "192.168.1.9:443", ESTABLISHED);
    private static final Socket DNS = udp("127.0.0.53:53", "0.0.0.0:0", CLOSE);
    private static final Socket UDP_22 = udp("10.0.0.1:22", "0.0.0.0:0", CLOSE);
    private static final Socket V6_LISTENER = tcp("[::]:22", "[::]:0", LISTEN);
    private static final Socket V6_CONN = tcp("[fec0:42::24]:40520", "[fec0:42::1]:22", ESTABLISHED);
    private static final Socket MAPPED = tcp6("[::ffff:10.0.0.1]:8080", "[::ffff:10.0.0.7]:41000", ESTABLISHED);
    private static final Socket WAITING = tcp("10.0.0.1:22", "10.0.0.3:40000", TIME_WAIT);

    private static Filter parse(String text) {
        return Filter.parse(text, SERVICES);
    }

    private static Set<Socket> selected(String text) {
        Filter filter = parse(text);
        Set<Socket> all = Set.of(LISTENER, INBOUND, OUTBOUND, DNS, UDP_22, V6_LISTENER, V6_CONN, MAPPED, WAITING);
        return all.stream().filter(filter).collect(java.util.stream.Collectors.toSet());
    }

    private static PortCompare dport(Comparison comparison, int port) {
        return new PortCompare(Side.REMOTE, comparison, new PortValue.Number(port));
    }

    private static PortCompare sport(int port) {
        return new PortCompare(Side.LOCAL, Comparison.EQ, new PortValue.Number(port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dport 22", "dport = 22", "dport == 22", "dport eq 22", "dport :22", "dport = :22", "(dport 22)",
        "( dport = 22 )", "((dport = 22))"})
    void equalitySpellings(String text) {
        assertThat(parse(text)).isEqualTo(dport(Comparison.EQ, 22));
    }

    @ParameterizedTest
    @CsvSource({"!=,NE", "ne,NE", "neq,NE", "<,LT", "lt,LT", "<=,LE", "le,LE", "leq,LE", ">,GT", "gt,GT", ">=,GE", "ge,GE",
        "geq,GE"})
    void operatorSpellings(String spelling, Comparison comparison) {
        assertThat(parse("dport " + spelling + " 22")).isEqualTo(dport(comparison, 22));
    }

    @Test
    void portComparisonsLookAtTheRightEnd() {
        assertThat(selected("sport = 22")).containsExactlyInAnyOrder(LISTENER, INBOUND, UDP_22, V6_LISTENER, WAITING);
        assertThat(selected("dport >= 41000")).containsExactlyInAnyOrder(INBOUND, MAPPED);
        assertThat(selected("dport > 40000")).containsExactlyInAnyOrder(INBOUND, MAPPED);
        assertThat(selected("dport < 1")).containsExactlyInAnyOrder(LISTENER, DNS, UDP_22, V6_LISTENER);
        assertThat(selected("sport <= 53 and sport ge 53")).containsExactly(DNS);
        assertThat(selected("dport != 0")).containsExactlyInAnyOrder(INBOUND, OUTBOUND, V6_CONN, MAPPED, WAITING);
    }

    @Test
    void serviceNamesResolvePerProtocol() {
        // ssh is 22/tcp only in the embedded table: a UDP socket on 22 is not ssh
        assertThat(parse("sport = :ssh")).isEqualTo(new PortCompare(Side.LOCAL, Comparison.EQ,
                new PortValue.Named("ssh", Map.of(Protocol.TCP, 22))));
        assertThat(selected("sport = :ssh")).containsExactlyInAnyOrder(LISTENER, INBOUND, V6_LISTENER, WAITING);
        assertThat(selected("sport != :ssh")).contains(UDP_22, DNS).doesNotContain(INBOUND);
        assertThat(selected("sport ssh")).containsExactlyInAnyOrder(LISTENER, INBOUND, V6_LISTENER, WAITING);
        assertThat(selected("sport = :domain")).containsExactly(DNS);
        assertThat(selected("dport = :https")).containsExactly(OUTBOUND);
        assertThat(selected("src *:ssh")).containsExactlyInAnyOrder(LISTENER, INBOUND, V6_LISTENER, WAITING);
    }

    @Test
    void anyPortIsPortMinusOneAsInSs() {
        assertThat(selected("dport = *")).hasSize(9);
        assertThat(selected("dport != *")).isEmpty();
        assertThat(selected("dport > *")).hasSize(9);
        assertThat(selected("dport < *")).isEmpty();
    }

    @Test
    void addressForms() {
        assertThat(selected("src 10.0.0.1")).containsExactlyInAnyOrder(INBOUND, OUTBOUND, UDP_22, WAITING, MAPPED);
        assertThat(selected("src = 10.0.0.1:22")).containsExactlyInAnyOrder(INBOUND, UDP_22, WAITING);
        assertThat(selected("src == 10.0.0.1:22")).containsExactlyInAnyOrder(INBOUND, UDP_22, WAITING);
        assertThat(selected("src eq 10.0.0.1:22")).containsExactlyInAnyOrder(INBOUND, UDP_22, WAITING);
        assertThat(selected("dst 10.0.0.0/30")).containsExactlyInAnyOrder(INBOUND, WAITING);
        assertThat(selected("dst 10/8:40000")).containsExactly(WAITING);
        assertThat(selected("dst 192.168.0.0/16")).containsExactly(OUTBOUND);
        assertThat(selected("src 0.0.0.0")).containsExactly(LISTENER);
        assertThat(selected("dst 0.0.0.0")).containsExactlyInAnyOrder(LISTENER, DNS, UDP_22);
        assertThat(selected("src 127.0.0.53:53")).containsExactly(DNS);
        assertThat(selected("src *:22")).containsExactlyInAnyOrder(LISTENER, INBOUND, UDP_22, V6_LISTENER, WAITING);
        assertThat(selected("src :22")).isEqualTo(selected("src *:22"));
        assertThat(selected("src *")).hasSize(9);
        assertThat(selected("src any")).hasSize(9);
        // as the kernel's filter (inet_diag_bc_run): a prefix takes sockets of its own family only, even
        // at length 0, and an IPv4 one also the IPv4-mapped addresses of IPv6 sockets
        assertThat(selected("dst 0/0")).containsExactlyInAnyOrder(LISTENER, INBOUND, OUTBOUND, DNS, UDP_22, WAITING, MAPPED);
    }

    @Test
    void ipv6AddressForms() {
        assertThat(selected("src [::]")).containsExactly(V6_LISTENER);
        assertThat(selected("src [::]:22")).containsExactly(V6_LISTENER);
        assertThat(selected("dst [fec0:42::1]:22")).containsExactly(V6_CONN);
        assertThat(selected("src fec0:42::24")).containsExactly(V6_CONN);
        assertThat(selected("dst [fec0::]/10")).containsExactly(V6_CONN);
        assertThat(selected("dst [fec0::/10]")).containsExactly(V6_CONN);
        assertThat(selected("dst fec0::/10")).containsExactly(V6_CONN);
        assertThat(selected("src [::]/0")).containsExactlyInAnyOrder(V6_LISTENER, V6_CONN, MAPPED);
    }

    @Test
    void ipv4MappedSocketsMatchIpv4PrefixesButMappedPrefixesMatchOnlyThem() {
        assertThat(selected("src 10.0.0.1:8080")).containsExactly(MAPPED);
        assertThat(selected("dst 10.0.0.7")).containsExactly(MAPPED);
        assertThat(selected("src [::ffff:10.0.0.1]")).containsExactly(MAPPED);
        assertThat(selected("src [::ffff:10.0.0.0]/104")).containsExactly(MAPPED);
    }

    @Test
    void andOrNotAndTheirSpellings() {
        Filter a = sport(22);
        Filter b = dport(Comparison.EQ, 50312);
        assertThat(parse("sport 22 and dport 50312")).isEqualTo(new And(a, b));
        assertThat(parse("sport 22 && dport 50312")).isEqualTo(new And(a, b));
        assertThat(parse("sport 22 & dport 50312")).isEqualTo(new And(a, b));
        assertThat(parse("sport 22 dport 50312")).isEqualTo(new And(a, b));
        assertThat(parse("sport 22 or dport 50312")).isEqualTo(new Or(a, b));
        assertThat(parse("sport 22 || dport 50312")).isEqualTo(new Or(a, b));
        assertThat(parse("sport 22 | dport 50312")).isEqualTo(new Or(a, b));
        assertThat(parse("not sport 22")).isEqualTo(new Not(a));
        assertThat(parse("! sport 22")).isEqualTo(new Not(a));
        assertThat(parse("! ! sport 22")).isEqualTo(new Not(new Not(a)));
    }

    @Test
    void andAndOrShareOnePrecedenceFromTheLeftAsInSs() {
        Filter a = sport(1);
        Filter b = sport(2);
        Filter c = sport(3);
        assertThat(parse("sport 1 or sport 2 and sport 3")).isEqualTo(new And(new Or(a, b), c));
        assertThat(parse("sport 1 and sport 2 or sport 3")).isEqualTo(new Or(new And(a, b), c));
        assertThat(parse("sport 1 or sport 2 sport 3")).isEqualTo(new And(new Or(a, b), c));
        assertThat(parse("sport 1 or (sport 2 and sport 3)")).isEqualTo(new Or(a, new And(b, c)));
        assertThat(parse("not sport 1 or sport 2")).isEqualTo(new Or(new Not(a), b));
        assertThat(parse("not (sport 1 or sport 2)")).isEqualTo(new Not(new Or(a, b)));
        assertThat(parse("!(sport 1 or sport 2)")).isEqualTo(new Not(new Or(a, b)));
    }

    @Test
    void gluedParenthesesReadLikeSpacedOnes() {
        assertThat(parse("(src 10.0.0.1 or(dport 22))and(not sport 1)"))
                .isEqualTo(parse("( src 10.0.0.1 or ( dport 22 ) ) and ( not sport 1 )"));
    }

    @Test
    void stateWordsComeFirstAndCombineAsInSs() {
        assertThat(parse("state established")).isEqualTo(new StateIs(EnumSet.of(ESTABLISHED)));
        assertThat(parse("state established state listening")).isEqualTo(new StateIs(EnumSet.of(ESTABLISHED, LISTEN)));
        assertThat(parse("state ESTABLISHED")).isEqualTo(new StateIs(EnumSet.of(ESTABLISHED))); // names ignore case, as ss
        assertThat(parse("state Listening")).isEqualTo(new StateIs(EnumSet.of(LISTEN)));
        Set<SocketState> notListening = EnumSet.allOf(SocketState.class);
        notListening.remove(LISTEN);
        assertThat(parse("exclude listening")).isEqualTo(new StateIs(notListening));
        assertThat(parse("excl listening")).isEqualTo(new StateIs(notListening));
        assertThat(parse("state connected exclude time-wait exclude syn-recv"))
                .isEqualTo(new StateIs(EnumSet.of(ESTABLISHED, SYN_SENT, FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, LAST_ACK, CLOSING)));
        assertThat(parse("state listening dport 0"))
                .isEqualTo(new And(new StateIs(EnumSet.of(LISTEN)), dport(Comparison.EQ, 0)));
        // as in ss, states are no conditions: they cannot be joined with 'or'
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("state listening or state closed"))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessage("filter:1:17: expected a condition (src, dst, sport, dport, not or '(') but found 'or'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        established  | ESTABLISHED
        syn-sent     | SYN_SENT
        syn-recv     | SYN_RECV
        syn-rcv      | SYN_RECV
        fin-wait-1   | FIN_WAIT1
        fin-wait-2   | FIN_WAIT2
        time-wait    | TIME_WAIT
        closed       | CLOSE
        close        | CLOSE
        unconnected  | CLOSE
        close-wait   | CLOSE_WAIT
        last-ack     | LAST_ACK
        listening    | LISTEN
        closing      | CLOSING
        connected    | ESTABLISHED SYN_SENT SYN_RECV FIN_WAIT1 FIN_WAIT2 TIME_WAIT CLOSE_WAIT LAST_ACK CLOSING
        synchronized | ESTABLISHED SYN_RECV FIN_WAIT1 FIN_WAIT2 TIME_WAIT CLOSE_WAIT LAST_ACK CLOSING
        bucket       | SYN_RECV TIME_WAIT
        big          | ESTABLISHED SYN_SENT FIN_WAIT1 FIN_WAIT2 CLOSE CLOSE_WAIT LAST_ACK LISTEN CLOSING
        """)
    void stateNamesAndGroupsOfSs(String name, String states) {
        Set<SocketState> expected = EnumSet.noneOf(SocketState.class);
        for (String state : states.split(" ")) {
            expected.add(SocketState.valueOf(state));
        }
        assertThat(parse("state " + name)).isEqualTo(new StateIs(expected));
    }

    @Test
    void allTakesEveryState() {
        assertThat(parse("state all")).isEqualTo(new StateIs(EnumSet.allOf(SocketState.class)));
        assertThat(parse("exclude all")).isEqualTo(new StateIs(EnumSet.noneOf(SocketState.class)));
    }

    @Test
    void stateFiltersSelectByState() {
        assertThat(selected("state listening")).containsExactlyInAnyOrder(LISTENER, V6_LISTENER);
        assertThat(selected("state closed")).containsExactlyInAnyOrder(DNS, UDP_22);
        assertThat(selected("state bucket")).containsExactly(WAITING);
        assertThat(selected("state connected sport 22")).containsExactlyInAnyOrder(INBOUND, WAITING);
        assertThat(selected("exclude connected")).containsExactlyInAnyOrder(LISTENER, V6_LISTENER, DNS, UDP_22);
    }

    @Test
    void possibleStatesAreWhatABackendMayAskFor() {
        assertThat(parse("state listening").possibleStates()).containsExactly(LISTEN);
        assertThat(parse("state established state listening sport 22").possibleStates()).containsExactlyInAnyOrder(ESTABLISHED, LISTEN);
        assertThat(parse("sport 22").possibleStates()).isEqualTo(EnumSet.allOf(SocketState.class));
        assertThat(parse("").possibleStates()).isEqualTo(EnumSet.allOf(SocketState.class));
        Filter listening = new StateIs(EnumSet.of(LISTEN));
        Filter waiting = new StateIs(EnumSet.of(TIME_WAIT));
        Set<SocketState> allButListen = EnumSet.allOf(SocketState.class);
        allButListen.remove(LISTEN);
        assertThat(new Not(listening).possibleStates()).isEqualTo(allButListen);
        assertThat(new Or(listening, waiting).possibleStates()).containsExactlyInAnyOrder(LISTEN, TIME_WAIT);
        assertThat(new And(listening, waiting).possibleStates()).isEmpty();
        // not (listening or a port test): listening sockets may still fail the port test, so all stay possible
        assertThat(new Not(new Or(listening, sport(1))).possibleStates()).isEqualTo(allButListen);
        assertThat(new Not(new And(listening, sport(1))).possibleStates()).isEqualTo(EnumSet.allOf(SocketState.class));
    }

    @Test
    void textWritesTheFilterBackFullyParenthesized() {
        Filter filter = parse("state established state time-wait src 10.0.0.0/8:22 or not dport > :ssh dst [::1]");
        assertThat(filter.text()).isEqualTo(
                "state established state time-wait ( ( src 10.0.0.0/8:22 or not dport > :ssh ) and dst [::1] )");
        assertThat(parse(filter.text())).isEqualTo(filter);
        assertThat(parse("").text()).isEmpty();
        assertThat(parse("dport = *").text()).isEqualTo("dport = *");
    }
}
