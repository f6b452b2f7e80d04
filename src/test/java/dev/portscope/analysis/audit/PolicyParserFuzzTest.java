package dev.portscope.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.Fixtures;
import dev.portscope.testing.Fuzzing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;

/**
 * Any text given as a policy gives a policy or {@link PolicyException}'s one line at a place, soon:
 * never another exception, a second line, or a long wait (Fuzzing says how to run it longer).
 */
class PolicyParserFuzzTest {

    static final List<String> TOKENS = List.of("version: 1\n", "allow:\n", "  - port: 22\n", "    process: ", "    user: ", "    executable: /",
            "protocol: tcp", "protocol: any", "scope: any", "scope: private", "require: [443]\n", "forbid:\n  - 6000-6063\n", "rules:\n  PS001: off\n",
            "thresholds:\n  closeWaitPerProcess: ", "---\n", "...\n", "\"", "'", "\\", "\\x", "\\u", "\\U0010ffff", "\\N", "&a ", "*a", "!!str ",
            "!!binary ", "!x ", "? ", ": ", "- ", "[", "]", "{", "}", ",", "#", "|\n", ">-\n", "\t", "\n", "  ", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
            "99999999999999999999999", "-1", "0x10", "0o17", "1e9", ".inf", "~", "null", "true", "yes", "\u0000", "\u0007", "\u0085", "\u2028", "\ufeff",
            "\ud800", "\udc00", "😀", "<<: *a\n", "=", "0", "65535", "65536", "22-21", "1-65535");

    private static List<String> seeds() throws Exception {
        List<String> seeds = new ArrayList<>(Fuzzing.regressions("policy"));
        try (var fixtures = Files.list(Fixtures.path("policies"))) {
            for (Path p : fixtures.sorted().toList()) {
                seeds.add(Files.readString(p));
            }
        }
        seeds.add("""
                version: 1
                allow:
                  - port: 22
                    protocol: tcp
                    scope: any
                    process: sshd
                    user: root
                    executable: /usr/sbin/sshd
                  - port: "8000-8099"
                require:
                  - port: 443
                    protocol: tcp
                forbid:
                  - 23
                  - 6000-6063
                thresholds:
                  closeWaitPerProcess: 5
                rules:
                  PS002: off
                  PS005: critical
                """);
        return seeds;
    }

    static void parse(String input) throws Exception {
        try {
            PolicyParser.parse(input, "fuzz.yaml");
        } catch (PolicyException e) {
            assertThat(e.getMessage()).matches("fuzz\\.yaml:\\d+:\\d+: [^\\n\\r]+")
                    .doesNotContain("Exception", "dev.portscope", "com.fasterxml", "org.yaml", "Feature");
        }
    }

    @Example // on a jqwik thread, where its generators run; the budget bounds it
    void anyTextIsAPolicyOrOneLineAtItsPlace() throws Exception {
        var run = Fuzzing.run("policy", seeds(), TOKENS, PolicyParserFuzzTest::parse);
        assertThat(run.inputs()).isPositive();
    }
}
