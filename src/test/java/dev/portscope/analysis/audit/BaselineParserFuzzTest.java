package dev.portscope.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.Fuzzing;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;

/** Any text given as a baseline gives a baseline or {@link BaselineParser.BadBaselineException}'s one line, soon. */
class BaselineParserFuzzTest {

    static final List<String> TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "\\u", "\"format\": \"portscope-baseline\"",
            "\"version\": 1", "\"version\": 2", "\"listeners\": [", "{\"protocol\": \"tcp\", \"port\": 22, \"exposure\": \"loopback\"}", "\"port\": ",
            "\"protocol\": \"udp\"", "\"exposure\": \"all-interfaces\"", "\"host\": \"h\"", "\"time\": \"2026-01-01T00:00:00Z\"", "true", "false", "null",
            "NaN", "-0", "1e999", "99999999999999999999", "2024.9", "\"addresses\": [\"::1\", \"127.0.0.1\"]", "\"pids\": [1, 2]",
            "\"processes\": [\"a\"]", "\"users\": []", "/*", "//", "\u0000", "\n", " ", "\t", "0", "-", "+", "e", ".", "'", "\ud800", "😀");

    private static final String SEED = """
            {
              "format" : "portscope-baseline",
              "version" : 1,
              "generator" : "portscope 0.1.0",
              "time" : "2026-11-28T10:00:00Z",
              "host" : "web1",
              "listeners" : [ {
                "protocol" : "tcp",
                "port" : 22,
                "exposure" : "all-interfaces",
                "addresses" : [ "0.0.0.0", "::" ],
                "processes" : [ "sshd" ],
                "users" : [ "root" ],
                "pids" : [ 812 ]
              }, {
                "protocol" : "udp",
                "port" : 53,
                "exposure" : "loopback",
                "addresses" : [ "127.0.0.53" ],
                "processes" : [ "systemd-resolve" ],
                "users" : [ "systemd-resolve" ],
                "pids" : [ 501 ]
              } ],
              "diagnostics" : [ ],
              "partial" : false
            }
            """;

    static void parse(String input) throws Exception {
        try {
            BaselineParser.parse(input, "fuzz.json");
        } catch (BaselineParser.BadBaselineException e) {
            assertThat(e.getMessage()).matches("fuzz\\.json(:\\d+:\\d+)?: [^\\n\\r]+")
                    .doesNotContain("Exception", "dev.portscope", "com.fasterxml", "org.yaml", "Feature");
        }
    }

    @Example // on a jqwik thread, where its generators run; the budget bounds it
    void anyTextIsABaselineOrOneLine() throws Exception {
        List<String> seeds = new ArrayList<>(Fuzzing.regressions("baseline"));
        seeds.add(SEED);
        var run = Fuzzing.run("baseline", seeds, TOKENS, BaselineParserFuzzTest::parse);
        assertThat(run.inputs()).isPositive();
    }
}
