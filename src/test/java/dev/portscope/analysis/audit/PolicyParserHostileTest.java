package dev.portscope.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files that are not policies, or are built to hurt: one line at their place, quickly, quoting nothing of them. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PolicyParserHostileTest {

    private static final String SHADOW = """
            root:$6$Vx8TqVfE$SECRETHASHSECRETHASH:19000:0:99999:7:::
            daemon:*:19000:0:99999:7:::
            """;

    private static String message(String text) {
        try {
            PolicyParser.parse(text, "p.yaml");
        } catch (PolicyException e) {
            return e.getMessage();
        }
        throw new AssertionError("read as a policy: " + text);
    }

    /** Regression: --policy /etc/shadow printed the hash of root's password in its error. */
    @Test
    void aFileThatIsNotAPolicyIsNotQuoted() {
        assertThat(message(SHADOW)).as("the trailing ':' makes the whole line a key").isEqualTo("p.yaml:1:1: expected one of the keys"
                + " version, allow, require, forbid, thresholds, rules, found another key");
        assertThat(message("root:x:0:0:root:/root:/bin/bash\n")).isEqualTo("p.yaml:1:1: expected a mapping with the keys version, allow,"
                + " require, forbid, thresholds, rules, found a text");
        assertThat(message("PASSWORD: hunter2\n")).isEqualTo("p.yaml:1:1: expected one of the keys version, allow, require, forbid,"
                + " thresholds, rules, found another key");
        assertThat(message("- hunter2\n- swordfish\n")).doesNotContain("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{password: 'hunter2", "password: \"hunter2", "key: [hunter2", "a: b: hunter2", "a:\n\t- hunter2",
        "!hunter2 x", "&hunter2 x", "*hunter2", "? [hunter2]\n: 1", "%hunter2 1\n--- x", "a: |\n hunter2\n x", "a: @hunter2",
        "version: 1\nallow:\n  - port: 22\n    process: \"hunter2\\q\"", "\"\\Uffffffff hunter2\""})
    void syntaxErrorsQuoteNothingOfTheFile(String text) {
        String message = message(text);
        assertThat(message).startsWith("p.yaml:").doesNotContain("hunter2").doesNotContain("\n").doesNotContain("org.yaml")
                .doesNotContain("Exception").doesNotContain("com.fasterxml");
    }

    @Test
    void aPolicyIsQuotedOnceItShowsItselfAPolicy() {
        assertThat(message("version: 1\nallow:\n  - port: 22\n    scope: everywhere\n"))
                .isEqualTo("p.yaml:4:12: expected loopback, private or any, found 'everywhere'");
        assertThat(message("version: 1\nallow:\n  - port: 22\n    scope: \"" + "x".repeat(100) + "\"\n"))
                .isEqualTo("p.yaml:4:12: expected loopback, private or any, found '" + "x".repeat(40) + "…'");
    }

    /** Regression: everything after a --- was dropped silently. */
    @Test
    void aSecondDocumentIsRefusedAtItsStart() {
        assertThat(message("version: 1\nallow: []\n---\nforbid: [23]\n"))
                .isEqualTo("p.yaml:3:1: expected one YAML document, found a second one: a policy is one document (no ---)");
        assertThat(message("version: 1\n---\n")).startsWith("p.yaml:2:1: expected one YAML document");
        assertThat(message("---\nversion: 1\n--- # the rest\nforbid: [23]\n")).startsWith("p.yaml:3:1: expected one YAML document");
    }

    @Test
    void aDocumentStartAndEndAroundOnePolicyAreFine() throws Exception {
        assertThat(PolicyParser.parse("---\nversion: 1\nforbid: [23]\n...\n", "p.yaml").forbid()).hasSize(1);
    }

    /** Regression: a 1 MB string took 8.8 s and 1.7 GB. */
    @Test
    void aLongLineFailsAtOnce() {
        String text = "version: 1\nallow:\n  - port: 22\n    process: \"" + "a".repeat(1_000_000) + "\"\n";
        long start = System.nanoTime();
        assertThat(message(text)).isEqualTo("p.yaml:4:4097: expected lines of at most 4096 characters");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aLongValueOverManyLinesFailsQuickly() {
        String text = "version: 1\nallow:\n  - port: 22\n    process: \"" + ("a".repeat(99) + "\n      ").repeat(10_000) + "\"\n";
        long start = System.nanoTime();
        assertThat(message(text)).isEqualTo("p.yaml:4:14: expected a process name of at most 4096 characters, found one of 1000000");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void deepNestingAndHugeFilesAreOneLine() {
        // the grammar never descends into what it does not expect: the first unexpected token is the error
        assertThat(message("[\n".repeat(10_000))).startsWith("p.yaml:1:1: expected a mapping");
        assertThat(message("version: 1\nallow:\n  - port: 22\n    process: " + "[\n".repeat(10_000)))
                .isEqualTo("p.yaml:4:14: expected a process name, found a list");
        assertThat(message("- ".repeat(1_000))).isEqualTo("p.yaml:1:1: expected a mapping with the keys version, allow, require, forbid,"
                + " thresholds, rules, found a list");
        assertThat(message("#\n".repeat(3_000_000))).isEqualTo("p.yaml:1:1: expected a policy of at most 4 MiB of text");
    }

    @Test
    void hugeNumbersAreValuesOutOfRangeNotErrorsOfTheReader() {
        assertThat(message("version: 99999999999999999999999\n")).isEqualTo("p.yaml:1:10: expected version 1, found 99999999999999999999999");
        assertThat(message("version: 1\nthresholds:\n  closeWaitPerProcess: 99999999999999999999999\n"))
                .isEqualTo("p.yaml:3:24: expected a whole number from 1 to 1000000, found 99999999999999999999999");
        assertThat(message("version: 1\nforbid: [99999999999999999999999]\n"))
                .isEqualTo("p.yaml:2:10: expected a port (1-65535) or a range FIRST-LAST, found 99999999999999999999999");
    }
}
