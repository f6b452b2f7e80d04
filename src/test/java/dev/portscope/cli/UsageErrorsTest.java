package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.CliRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad command lines: one clear line, exit 2, no stack trace. */
class UsageErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--bogus | Unknown option: '--bogus'",
        "conns --state sleepy | --state: unknown socket state 'sleepy'",
        "listen --json --csv | --json and --csv cannot be used together",
        "listen --backend carrier-pigeon | unknown backend 'carrier-pigeon'",
        "listen frobnicate | filter:1:1: expected a condition (src, dst, sport, dport, not or '(') but found 'frobnicate'",
        "conns dport = | filter:1:8: ",
        "listen --sort color | Invalid value for option '--sort'",
    })
    void badInputIsOneLineAndExitTwo(String args, String message) {
        CliRun run = CliRun.run(args.split(" "));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines().findFirst().orElseThrow()).startsWith("portscope: ").contains(message);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpAndVersion() {
        CliRun help = CliRun.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("listen").contains("conns").contains("all").contains("Exit codes");
        CliRun version = CliRun.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("portscope ");
    }
}
