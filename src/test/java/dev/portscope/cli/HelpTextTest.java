package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The listings' help, built without annotations, is the help their annotated classes wrote (golden/help/README.md). */
class HelpTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--help        | portscope.txt",
        "-h            | portscope.txt",
        "listen --help | listen.txt",
        "listen -h     | listen.txt",
        "conns --help  | conns.txt",
        "all --help    | all.txt",
    })
    void helpIsTheGoldenText(String args, String golden) throws IOException {
        CliRun run = CliRun.run(args.split(" "));
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().replace(System.lineSeparator(), "\n")).isEqualTo(read(golden));
    }

    @ParameterizedTest
    @CsvSource({"--version", "-V", "listen --version", "conns -V", "all --version"})
    void versionIsVersionCommitAndJava(String args) {
        CliRun run = CliRun.run(args.split(" "));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).hasSize(3)
                .satisfies(lines -> assertThat(lines.get(0)).isEqualTo("portscope " + Version.text()))
                .satisfies(lines -> assertThat(lines.get(1)).isEqualTo("commit " + Version.commit()))
                .satisfies(lines -> assertThat(lines.get(2)).isEqualTo("Java " + Runtime.version()));
    }

    /** The build writes the commit of the checkout it ran in (this one), so a test run knows it. */
    @Test
    void theCommitIsTheCheckoutsHead() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        org.junit.jupiter.api.Assumptions.assumeTrue(git.waitFor() == 0, "not a git checkout: " + head);
        assertThat(Version.commit()).matches("[0-9a-f]{12}(-dirty)?").startsWith(head);
    }

    private static String read(String name) throws IOException {
        try (InputStream in = HelpTextTest.class.getResourceAsStream("/golden/help/" + name)) {
            assertThat(in).as("golden/help/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
