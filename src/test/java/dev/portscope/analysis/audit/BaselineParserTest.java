package dev.portscope.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Baselines read strictly: each mistake one line at its place, no Java names, nothing made up. */
class BaselineParserTest {

    private static final String HEAD = "{\"format\": \"portscope-baseline\", \"version\": 1, \"host\": \"h\", \"time\": \"2026-01-01T00:00:00Z\",\n";
    private static final String SSH = "{\"protocol\": \"tcp\", \"port\": 22, \"exposure\": \"loopback\"}";

    private static String message(String text) {
        try {
            BaselineParser.parse(text, "b.json");
        } catch (BaselineParser.BadBaselineException e) {
            return e.getMessage();
        }
        throw new AssertionError("read as a baseline: " + text);
    }

    private static String listeners(String body) {
        return HEAD + " \"listeners\": " + body + "}";
    }

    /** Regression: the same protocol and port twice made diff crash (IllegalStateException, exit 70) while audit said OK. */
    @Test
    void theSameProtocolAndPortTwiceIsRefused() {
        assertThat(message(listeners("[" + SSH + ",\n " + SSH + "]")))
                .isEqualTo("b.json:3:2: expected each protocol and port once, found 22/tcp again (first at line 2)");
        assertThatThrownBy(() -> new Baseline("h", java.time.Instant.EPOCH, java.util.List.of(
                new BaselineListener(dev.portscope.model.Protocol.TCP, 22, dev.portscope.model.Exposure.LOOPBACK,
                        java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of()),
                new BaselineListener(dev.portscope.model.Protocol.TCP, 22, dev.portscope.model.Exposure.PUBLIC,
                        java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of()))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Regressions: each of these was accepted, or read as something else. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            listeners a string         | `"x"`                                                                   | 2:15: expected a list of listeners, found "x"
            listeners an object        | `{"a": 1}`                                                              | 2:15: expected a list of listeners, found an object
            port true                  | `[{"protocol": "tcp", "port": true, "exposure": "loopback"}]`           | 2:44: expected a port: a whole number from 1 to 65535, found true
            port a fraction            | `[{"protocol": "tcp", "port": 2024.9, "exposure": "loopback"}]`         | 2:44: expected a port: a whole number from 1 to 65535, found 2024.9
            port a string              | `[{"protocol": "tcp", "port": "22", "exposure": "loopback"}]`           | 2:44: expected a port: a whole number from 1 to 65535, found "22"
            port 0                     | `[{"protocol": "tcp", "port": 0, "exposure": "loopback"}]`              | 2:44: expected a port: a whole number from 1 to 65535, found 0
            port huge                  | `[{"protocol": "tcp", "port": 99999999999999999999, "exposure": "x"}]`  | 2:44: expected a port: a whole number from 1 to 65535, found 99999999999999999999
            exposure unknown           | `[{"protocol": "tcp", "port": 22, "exposure": "galactic"}]`             | 2:60: expected "all-interfaces", "link-local", "loopback", "one-interface", "private", "public", found "galactic"
            protocol unknown           | `[{"protocol": "sctp", "port": 22, "exposure": "loopback"}]`            | 2:29: expected "tcp" or "udp", found "sctp"
            missing exposure           | `[{"protocol": "tcp", "port": 22}]`                                     | 2:16: expected the key "exposure" in this listener
            pid negative               | `[{"protocol": "tcp", "port": 22, "exposure": "loopback", "pids": [-1]}]` | 2:81: expected a pid: a whole number from 0 to 2147483647, found -1
            process a number           | `[{"protocol": "tcp", "port": 22, "exposure": "loopback", "processes": [7]}]` | 2:86: expected a process name as a JSON string, found 7
            a key twice                | `[{"protocol": "tcp", "port": 22, "port": 23, "exposure": "loopback"}]` | 2:48: expected each key once, found "port" again
            """)
    void valuesOfTheWrongTypeOrRangeAreRefusedAtTheirPlace(String what, String body, String expected) {
        assertThat(message(listeners(body))).isEqualTo("b.json:" + expected);
    }

    @Test
    void versionsBelowOneAreRefused() {
        for (String version : new String[] {"0", "-1"}) {
            assertThat(message(HEAD.replace("\"version\": 1", "\"version\": " + version) + " \"listeners\": []}"))
                    .isEqualTo("b.json:1:45: expected version 1, found " + version);
        }
        assertThat(message(HEAD.replace("\"version\": 1", "\"version\": 1.0") + " \"listeners\": []}"))
                .isEqualTo("b.json:1:45: expected a whole number as \"version\", found 1.0");
    }

    @Test
    void trailingGarbageAndASecondDocumentAreRefused() {
        assertThat(message(listeners("[]") + " x")).isEqualTo("b.json:2:19: not valid JSON: unexpected text"
                + " (expected a string, a number, an object, a list, true, false or null)");
        assertThat(message(listeners("[]") + "\n" + listeners("[]")))
                .isEqualTo("b.json:3:1: expected the end of the file after the baseline, found an object");
    }

    /** Regression: Jackson's and Java's names reached the user (No enum constant dev.portscope.model.Exposure…, JsonReadFeature…). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `{"format": "portscope-baseline", "version": NaN}`
            `{"format": "portscope-baseline", "version": 01}`
            `{"format": "portscope-baseline", "host": 'h'}`
            `{"format": "portscope-baseline", "host": "a\\qb"}`
            `{"format": "portscope-baseline", "host": "tab	inside"}`
            `{"format": "portscope-baseline", "version": 1, "host": "h", "time": "yesterday", "listeners": []}`
            `{"format": "portscope-baseline", "version": 1,`
            `{"format": "portscope-baseline" "version": 1}`
            `/* comment */ {}`
            `[1, 2`
            """)
    void errorsNameNoJavaClassesOrFeatures(String text) {
        assertThat(message(text)).startsWith("b.json:").doesNotContain("\n").doesNotContain("Exception").doesNotContain("Feature")
                .doesNotContain("dev.portscope").doesNotContain("com.fasterxml").doesNotContain("enum");
    }

    @Test
    void aFileThatIsNotABaselineIsNotQuoted() {
        assertThat(message("{\"password\": \"hunter2\", \"listeners\": \"hunter2\"}"))
                .isEqualTo("b.json:1:38: expected a list of listeners, found a string");
        assertThat(message("{\"password\": \"hunter2\"}")).isEqualTo("b.json: not a portscope baseline (expected \"format\": \"portscope-baseline\")");
        assertThat(message("hunter2")).doesNotContain("hunter2");
        assertThat(message("\"hunter2")).doesNotContain("hunter2");
    }

    @Test
    void keysOfALaterVersionAreSkippedAndTheWritersFieldsRead() throws Exception {
        Baseline b = BaselineParser.parse(HEAD + " \"generator\": \"portscope 9\", \"extra\": {\"a\": [1, {\"b\": null}]},"
                + " \"listeners\": [{\"protocol\": \"udp\", \"port\": 53, \"exposure\": \"all-interfaces\", \"since\": 3,"
                + " \"addresses\": [\"0.0.0.0\"], \"processes\": [\"dnsmasq\"], \"users\": [\"root\"], \"pids\": [7]}],"
                + " \"diagnostics\": [], \"partial\": false}", "b.json");
        assertThat(b.listeners()).singleElement().satisfies(l -> {
            assertThat(l.key()).isEqualTo("53/udp");
            assertThat(l.exposure()).isEqualTo(dev.portscope.model.Exposure.ALL_INTERFACES);
            assertThat(l.processes()).containsExactly("dnsmasq");
            assertThat(l.pids()).containsExactly(7);
        });
    }
}
