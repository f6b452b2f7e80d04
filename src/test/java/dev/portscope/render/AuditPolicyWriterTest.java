package dev.portscope.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.analysis.audit.AllowedListener;
import dev.portscope.analysis.audit.Policy;
import dev.portscope.analysis.audit.PolicyParser;
import dev.portscope.analysis.audit.PortMatch;
import dev.portscope.analysis.audit.Scope;
import dev.portscope.analysis.audit.Thresholds;
import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code audit --init} writes, {@code audit --policy} reads back as it was, whatever the names hold. */
class AuditPolicyWriterTest {

    private static Policy allowing(String process, String user, String executable) {
        var listener = new AllowedListener(new PortMatch(PortRange.of(8080), Protocol.TCP), Scope.ANY, process, user, executable);
        return new Policy(List.of(listener), List.of(), List.of(), Thresholds.DEFAULT, Map.of());
    }

    private static Policy roundTrip(Policy policy, String host) throws Exception {
        StringWriter text = new StringWriter();
        AuditPolicyWriter.write(new PrintWriter(text), policy, host, Instant.parse("2026-11-28T10:00:00Z"));
        return PolicyParser.parse(text.toString(), "init.yaml");
    }

    /** Regression: a process named with spaces only was written as "   ", which the parser refused. */
    @ParameterizedTest
    @ValueSource(strings = {"   ", " ", "", "a\"b", "back\\slash", "key: value", "# not a comment", "line\nbreak", "tab\there",
        "naïve プロセス", "emoji 😀", "bell\u0007", "del\u007f", "nel\u0085", "ls\u2028ps\u2029", "bom\ufeff", "\ud800 lone", "lone \udc00",
        "trailing ", " leading", "- dash", "[flow]", "{flow}", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick", "'single'",
        "---", "...", "yes", "null", "~", "0x1F", "1e3", "\r\n", "\\x41"})
    void hostileNamesReadBackAsTheyWere(String name) throws Exception {
        Policy policy = allowing(name, name, "/usr/bin/" + name);
        assertThat(roundTrip(policy, "host")).isEqualTo(policy);
    }

    @ParameterizedTest
    @ValueSource(ints = {79, 80, 81, 160, 4000})
    void aLongValueIsWrappedOverLinesAndReadBackWhole(int length) throws Exception {
        String spaces = " ".repeat(length);
        String mixed = "a \"b\" \\ ".repeat(length / 8 + 1).substring(0, length);
        for (String name : List.of(spaces, mixed)) {
            Policy policy = allowing(name, "root", "/opt/" + name);
            StringWriter text = new StringWriter();
            AuditPolicyWriter.write(new PrintWriter(text), policy, "h", Instant.EPOCH);
            assertThat(text.toString().lines()).allMatch(line -> line.length() <= 120);
            assertThat(roundTrip(policy, "h")).isEqualTo(policy);
        }
    }

    @org.junit.jupiter.api.Test
    void aHostNameWithALineBreakStaysInTheComment() throws Exception {
        Policy policy = allowing("sshd", "root", "/usr/sbin/sshd");
        assertThat(roundTrip(policy, "evil\nforbid: [22]\n")).isEqualTo(policy);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars(" \t\n\r\"'\\:#-[]{}&*!|>%@`,?\u0085\u2028\ufeff\ud800").ofMaxLength(100));
    }

    @Property(tries = 500)
    void anyNameReadsBackAsItWas(@ForAll("anyText") String process, @ForAll("anyText") String user, @ForAll("anyText") String path) throws Exception {
        Policy policy = allowing(process, user, "/" + path);
        assertThat(roundTrip(policy, process)).isEqualTo(policy);
    }
}
