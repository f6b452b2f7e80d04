package dev.portscope.analysis.audit;

import dev.portscope.model.PortRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portscope.model.Protocol;
import dev.portscope.testing.Fixtures;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-key.yaml            | 4:5: expected one of the keys port, protocol, scope, process, user, executable, found unknown key 'protcol'
            port-out-of-range.yaml      | 3:11: expected a port from 1 to 65535, found 70000
            empty-range.yaml            | 3:5: expected a range FIRST-LAST with FIRST <= LAST, found 100-10
            bad-scope.yaml              | 4:12: expected loopback, private or any, found 'everywhere'
            threshold-not-a-number.yaml | 3:24: expected a whole number from 1 to 1000000, found 'many'
            allow-not-a-list.yaml       | 2:8: expected a list of allowed listeners, found 22
            unknown-rule.yaml           | 3:3: expected a rule id (PS001, PS002, PS003, PS004, PS005, PS006, PS007, PS008, PS100, PS101, PS102, PS103), found 'PS999'
            bad-rule-setting.yaml       | 3:10: expected off, warning or critical, found 'loud'
            newer-version.yaml          | 1:10: expected version 1, found 2
            missing-port.yaml           | 3:5: expected the key port in this listener
            bad-protocol.yaml           | 4:15: expected tcp, udp or any, found 'sctp'
            """)
    void brokenPoliciesAreRejectedAtTheirLineAndColumn(String file, String expected) throws Exception {
        String text = Files.readString(Fixtures.path("policies/" + file));
        assertThatThrownBy(() -> PolicyParser.parse(text, file))
                .isInstanceOf(PolicyException.class)
                .hasMessage(file + ":" + expected);
    }

    @Test
    void aSyntaxErrorNamesItsPlaceInOneLine() throws Exception {
        String text = Files.readString(Fixtures.path("policies/syntax-error.yaml"));
        assertThatThrownBy(() -> PolicyParser.parse(text, "syntax-error.yaml"))
                .isInstanceOf(PolicyException.class)
                .hasMessage("syntax-error.yaml:3:9: not valid YAML: while scanning a quoted scalar: found unexpected end of stream")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aFullPolicyIsRead() throws Exception {
        Policy p = PolicyParser.parse("""
                version: 1
                allow:
                  - port: 22
                    protocol: tcp
                    scope: any
                    process: sshd
                    user: root
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
                """, "p.yaml");
        assertThat(p.allow()).containsExactly(
                new AllowedListener(new PortMatch(PortRange.of(22), Protocol.TCP), Scope.ANY, "sshd", "root"),
                new AllowedListener(new PortMatch(new PortRange(8000, 8099), null), Scope.LOOPBACK, null, null));
        assertThat(p.require()).containsExactly(new PortMatch(PortRange.of(443), Protocol.TCP));
        assertThat(p.forbid()).containsExactly(new PortMatch(PortRange.of(23), null), new PortMatch(new PortRange(6000, 6063), null));
        assertThat(p.thresholds().closeWaitPerProcess()).isEqualTo(5);
        assertThat(p.rules()).containsEntry("PS002", RuleSetting.OFF).containsEntry("PS005", new RuleSetting(true, Severity.CRITICAL));
    }

    @Test
    void anExecutableIsPinnedByItsAbsolutePath() throws Exception {
        Policy p = PolicyParser.parse("""
                version: 1
                allow:
                  - port: 22
                    process: sshd
                    user: root
                    executable: /usr/sbin/sshd
                """, "p.yaml");
        assertThat(p.allow().getFirst().executable()).isEqualTo("/usr/sbin/sshd");
        assertThatThrownBy(() -> PolicyParser.parse("""
                version: 1
                allow:
                  - port: 22
                    executable: sshd
                """, "rel.yaml"))
                .isInstanceOf(PolicyException.class)
                .hasMessage("rel.yaml:4:17: expected an executable's absolute path, not a relative one");
    }

    @Test
    void theExamplePolicyOfTheReadmeIsValid() throws Exception {
        String readme = Files.readString(java.nio.file.Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Security audit"));
        String example = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n", section.indexOf("```yaml\n") + 8));
        Policy p = PolicyParser.parse(example, "README.md");
        assertThat(p.allow()).hasSize(2);
        assertThat(p.rules()).containsEntry("PS002", RuleSetting.OFF);
    }

    @Test
    void anEmptyFileIsRejected() {
        assertThatThrownBy(() -> PolicyParser.parse("", "empty.yaml"))
                .hasMessageStartingWith("empty.yaml:1:1: expected a mapping");
    }
}
