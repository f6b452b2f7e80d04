package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code serve} refuses before it serves anything: one line on stderr, exit 2. */
class ServeCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--listen 0.0.0.0:9309|beyond loopback, needs --token-file",
        "--listen 10.1.2.3:9309|beyond loopback, needs --token-file",
        "--listen [::]:9309|beyond loopback, needs --token-file",
        "--listen localhost:9309|not an IP address",
        "--listen 127.0.0.1|--listen wants ADDR:PORT",
        "--listen 127.0.0.1:70000|is not a port",
        "--listen ::1:9309|--listen wants ADDR:PORT",
        "--tls-cert /nonexistent/cert.pem|--tls-cert and --tls-key go together",
        "--token-file /nonexistent/token|cannot read token file /nonexistent/token",
        "--no-process|serve always looks up the processes",
        "--max-clients 1|--max-clients must be between 2 and 10000",
        "--max-series 0|--max-series must be at least 1",
    })
    void refusedWithOneLine(String args, String message) {
        CliRun run = CliRun.run(("serve " + args).split(" "));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(message).doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aShortOrStrangeTokenIsRefused(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "short\n");
        CliRun run = CliRun.run("serve", "--listen", "0.0.0.0:9309", "--token-file", token.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("shorter than 16 characters");
        Files.writeString(token, "a token with spaces in it\n");
        run = CliRun.run("serve", "--listen", "0.0.0.0:9309", "--token-file", token.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("characters a bearer token may not hold").doesNotContain("spaces in it");
    }
}
