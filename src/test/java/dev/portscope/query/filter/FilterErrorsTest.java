package dev.portscope.query.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.portscope.services.ServiceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every message a user can get for a bad filter: one line, the right column, the offending token. */
class FilterErrorsTest {

    private static final ServiceTable SERVICES = ServiceTable.embedded();

    private static FilterSyntaxException failure(String text) {
        FilterSyntaxException e = catchThrowableOfType(FilterSyntaxException.class, () -> Filter.parse(text, SERVICES));
        assertThat(e).as("'%s' is rejected", text).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        dport = and                 | filter:1:9: expected a port after 'dport =' but found 'and'
        src 10.0.0.1 and dport =    | filter:1:25: expected a port after 'dport =' but found the end of the filter
        sport                       | filter:1:6: expected a port after 'sport' but found the end of the filter
        sport lt )                  | filter:1:10: expected a port after 'sport lt' but found ')'
        dport 70000                 | filter:1:7: port 70000 is out of range 0-65535
        dport = :70000              | filter:1:9: port 70000 is out of range 0-65535
        dport = -1                  | filter:1:9: port -1 is out of range 0-65535
        dport = :nosuch             | filter:1:9: unknown service 'nosuch': give a port number or a known service name
        sport = :                   | filter:1:9: expected a port in ':'
        src 10.0.0.1:99999          | filter:1:5: port 99999 in '10.0.0.1:99999' is out of range 0-65535
        src 10.0.0.1:nosuch         | filter:1:5: unknown service 'nosuch' in '10.0.0.1:nosuch': give a port number or a known service name
        src 10.0.0.1/33             | filter:1:5: prefix length 33 in '10.0.0.1/33' exceeds 32
        dst [::1/129]               | filter:1:5: prefix length 129 in '[::1/129]' exceeds 128
        src 10.0.0.1/x              | filter:1:5: expected a prefix length after '/' in '10.0.0.1/x'
        src 256.0.0.1               | filter:1:5: '256.0.0.1' is not an IPv4 address
        src 10                      | filter:1:5: '10' is not an IPv4 address: write its four parts (10.0.0.0), or a network with its length (10/8)
        src 127.1:22                | filter:1:5: '127.1' in '127.1:22' is not an IPv4 address: write its four parts (127.1.0.0), or a network with its length (127.1/16)
        src 12345                   | filter:1:5: '12345' is not an IPv4 address
        src 010.0.0.1               | filter:1:5: '010.0.0.1' is not an IPv4 address
        src 010/8                   | filter:1:5: '010' in '010/8' is not an IPv4 address
        dst 0x7f.1                  | filter:1:5: '0x7f.1' is not an IPv4 address
        src 1.2.3.4.5:22            | filter:1:5: '1.2.3.4.5' in '1.2.3.4.5:22' is not an IPv4 address
        src example.com             | filter:1:5: 'example.com' is not an IP address (host names are not resolved)
        dst ::zz                    | filter:1:5: '::zz' is not an IPv6 address
        src [::1                    | filter:1:5: missing ']' in '[::1'
        src []:22                   | filter:1:5: expected an address inside '[' ']' in '[]:22'
        src [::1]22                 | filter:1:5: expected ':' and a port after ']' in '[::1]22'
        src *22                     | filter:1:5: expected ':' and a port after '*' in '*22'
        src != 10.0.0.1             | filter:1:5: expected an address after 'src' but found '!='
        dst = or                    | filter:1:7: expected an address after 'dst =' but found 'or'
        ( dport 22                  | filter:1:11: expected ')' to close the '(' at column 1 but found the end of the filter
        sport 22 (dport 22          | filter:1:19: expected ')' to close the '(' at column 10 but found the end of the filter
        dport 22 )                  | filter:1:10: unexpected ')' with no '(' open
        ( )                         | filter:1:3: expected a condition after '(' but found ')'
        dport 22 or                 | filter:1:12: expected a condition after 'or' but found the end of the filter
        dport 22 && )               | filter:1:13: expected a condition after '&&' but found ')'
        not                         | filter:1:4: expected a condition after 'not' but found the end of the filter
        ! or sport 22               | filter:1:3: expected a condition after '!' but found 'or'
        foo 22                      | filter:1:1: expected a condition (src, dst, sport, dport, not or '(') but found 'foo'
        dport 22 foo                | filter:1:10: expected a condition (src, dst, sport, dport, not or '(') but found 'foo'
        and dport 22                | filter:1:1: expected a condition (src, dst, sport, dport, not or '(') but found 'and'
        (dport = and)               | filter:1:10: expected a port after 'dport =' but found 'and'
        state                       | filter:1:6: expected a state after 'state' but found the end of the filter
        exclude and                 | filter:1:9: expected a state after 'exclude' but found 'and'
        dport 22 state listening    | filter:1:10: state filters go first, before the other conditions (as in ss), but found 'state' here
        dev eth0                    | filter:1:1: the ss condition 'dev' is not supported by portscope
        """)
    void messages(String text, String message) {
        assertThat(failure(text)).hasMessage(message);
    }

    @Test
    void anUnknownStateListsTheNamesThatWork() {
        FilterSyntaxException e = failure("state established state bogus");
        assertThat(e.getMessage()).startsWith("filter:1:25: unknown state 'bogus' after 'state'; expected established, syn-sent,");
        assertThat(e.getMessage()).contains("listening").contains("a group: all, connected, synchronized, bucket, big");
    }

    @Test
    void theExceptionCarriesLineColumnAndToken() {
        FilterSyntaxException e = failure("sport = 22 and dport = :nosuch");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(24);
        assertThat(e.token()).isEqualTo(":nosuch");
        assertThat(e.reason()).isEqualTo("unknown service 'nosuch': give a port number or a known service name");
    }

    @Test
    void theEndOfTheFilterHasNoToken() {
        FilterSyntaxException e = failure("dport =");
        assertThat(e.token()).isNull();
        assertThat(e.column()).isEqualTo(8);
    }

    @Test
    void aFilterOverSeveralLinesCountsLinesAndColumns() {
        assertThat(failure("dport 22\n  and src")).hasMessage(
                "filter:2:10: expected an address after 'src' but found the end of the filter");
        assertThat(failure("dport 22\nor\n\tfoo")).hasMessage(
                "filter:3:2: expected a condition after 'or' but found 'foo'");
    }

    @Test
    void anEmptyFilterIsNoError() {
        assertThat(Filter.parse("", SERVICES)).isEqualTo(new Filter.MatchAll());
        assertThat(Filter.parse("  \t ", SERVICES)).isEqualTo(new Filter.MatchAll());
    }

    @Test
    void nestingAndLengthAreBoundedWithAClearErrorNotAStackOverflow() {
        String deep = "( ".repeat(4000) + "sport = :22" + " )".repeat(4000);
        assertThat(failure(deep).getMessage()).isEqualTo("filter:1:129: the filter nests deeper than 64 levels of '(' and 'not'");
        assertThat(failure("not ".repeat(10_000) + "sport = :22").getMessage())
                .isEqualTo("filter:1:257: the filter nests deeper than 64 levels of '(' and 'not'");
        String longOr = String.join(" or ", java.util.Collections.nCopies(4000, "sport = :22"));
        assertThat(failure(longOr).getMessage()).startsWith("filter:1:").endsWith(": the filter has more than 512 conditions");
    }

    @Test
    void theLargestAllowedFilterParsesAndRuns() {
        String deep = "( ".repeat(64) + "sport = :22" + " )".repeat(64);
        String longOr = String.join(" or ", java.util.Collections.nCopies(512, "sport = :22"));
        for (String text : new String[] {deep, longOr, "not ".repeat(64) + "sport = :22"}) {
            Filter filter = Filter.parse(text, SERVICES);
            assertThat(filter.test(TestSockets.tcp("10.0.0.1:22", "10.0.0.2:5000", dev.portscope.model.SocketState.ESTABLISHED))).isIn(true, false);
            assertThat(filter.possibleStates()).isNotNull();
            assertThat(filter.toString()).isNotEmpty();
        }
    }

    @Test
    void aPrefixTakesOnlySocketsOfItsOwnFamilyEvenAtLengthZero() {
        var v4 = TestSockets.tcp("10.0.0.1:22", "10.0.0.2:5000", dev.portscope.model.SocketState.ESTABLISHED);
        var v6 = TestSockets.tcp6("[fe80::1]:22", "[fe80::2]:5000", dev.portscope.model.SocketState.ESTABLISHED);
        assertThat(Filter.parse("src ::/0", SERVICES).test(v4)).as("ss: ::/0 takes no IPv4 socket").isFalse();
        assertThat(Filter.parse("src ::/0", SERVICES).test(v6)).isTrue();
        assertThat(Filter.parse("dst 0.0.0.0/0", SERVICES).test(v6)).isFalse();
        assertThat(Filter.parse("dst 0.0.0.0/0", SERVICES).test(v4)).isTrue();
    }
}
