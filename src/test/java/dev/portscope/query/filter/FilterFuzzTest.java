package dev.portscope.query.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Socket;
import dev.portscope.testing.Fuzzing;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;

/**
 * Any text typed as a filter gives a filter that answers for every socket, or
 * {@link FilterSyntaxException}'s one line at its column, soon.
 */
class FilterFuzzTest {

    static final List<String> TOKENS = List.of("state", "established", "connected", "synchronized", "bucket", "big", "all", "listening", "closed",
            "exclude", "excl", "sport", "dport", "src", "dst", "=", "==", "!=", ">=", "<=", "<", ">", "eq", "neq", "ne", "ge", "le", "gt", "lt", "and",
            "or", "not", "!", "&", "|", "&&", "||", "(", ")", ":22", ":ssh", ":*", "*", "10.0.0.0/8", "10/8", "[::1]", "::ffff:1.2.3.4", "1.2.3.4:80",
            "0x7f.1", "autobound", "dev", "fwmark", "cgroup", "inet", "inet6", "\"", "'", "-", "999999999999", "%eth0", "/", "\\", "\n", "\t", " ",
            "[", "]", "fe80::1%lo", "::", "0.0.0.0", ":65535", ":65536", ":-1", "\u0000", "\ud800", "😀");

    private static final List<Socket> SOCKETS = FilterArbitraries.sockets().sampleStream().limit(20).toList();

    static void parse(String input) {
        Filter filter;
        try {
            filter = Filter.parse(input, FilterArbitraries.SERVICES);
        } catch (FilterSyntaxException e) {
            assertThat(e.getMessage()).matches("filter:\\d+:\\d+: [^\\n\\r]+")
                    .doesNotContain("Exception", "dev.portscope", "com.fasterxml", "org.yaml", "Feature");
            return;
        }
        filter.possibleStates();
        filter.text();
        for (Socket socket : SOCKETS) {
            filter.test(socket);
        }
    }

    @Example // on a jqwik thread, where its generators run; the budget bounds it
    void anyTextIsAFilterOrOneLineAtItsColumn() {
        List<String> seeds = new ArrayList<>(Fuzzing.regressions("filter"));
        seeds.addAll(SsFilterSuiteTest.everyCase().toList());
        Random random = new Random(1);
        FilterArbitraries.writableFilters().sampleStream().limit(200).forEach(f -> seeds.add(new RandomSpelling(random.nextLong()).write(f)));
        var run = Fuzzing.run("filter", seeds, TOKENS, FilterFuzzTest::parse);
        assertThat(run.inputs()).isPositive();
    }
}
