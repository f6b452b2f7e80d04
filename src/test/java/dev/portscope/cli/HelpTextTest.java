package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
    void versionIsTwoLines(String args) {
        CliRun run = CliRun.run(args.split(" "));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).hasSize(2)
                .satisfies(lines -> assertThat(lines.get(0)).isEqualTo("portscope " + Version.text()))
                .satisfies(lines -> assertThat(lines.get(1)).isEqualTo("Java " + Runtime.version()));
    }

    private static String read(String name) throws IOException {
        try (InputStream in = HelpTextTest.class.getResourceAsStream("/golden/help/" + name)) {
            assertThat(in).as("golden/help/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
