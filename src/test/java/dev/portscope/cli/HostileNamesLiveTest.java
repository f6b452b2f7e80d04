package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.render.ForeignText;
import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.CliRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A process that names itself to attack the reader: an escape sequence and a newline that would
 * forge a table row. Every text and CSV output shows the name escaped, on its own row; JSON keeps it
 * exact. Only the test's own listener is looked at.
 */
@Timeout(60)
class HostileNamesLiveTest {

    private static final String HOSTILE = "ev\u001b[7mil\ntcp 0";

    private static final String LISTENER = """
            import ctypes, socket, sys
            ctypes.CDLL(None).prctl(15, sys.argv[1].encode(), 0, 0, 0)  # PR_SET_NAME
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
            c = socket.create_connection(s.getsockname()); a, _ = s.accept()
            print(s.getsockname()[1], flush=True)
            sys.stdin.read()
            """;

    private static final String SHOWN = "ev\\x1b[7mil\\ntcp 0";

    @Test
    void everyTextOutputShowsTheNameEscapedAndJsonKeepsItExact() throws Exception {
        try (ChildProcess attacker = ChildProcess.start(List.of("python3", "-c", LISTENER, HOSTILE))) {
            String port = attacker.firstLine().trim();
            String mine = "sport = :" + port;
            List<CliRun> texts = List.of(
                    CliRun.run("listen", mine),
                    CliRun.run("conns", "(", "sport", "=", ":" + port, "or", "dport", "=", ":" + port, ")"),
                    CliRun.run("all", "--csv", "(", "sport", "=", ":" + port, "or", "dport", "=", ":" + port, ")"),
                    CliRun.run("all", "--group-by", "process", mine),
                    CliRun.run("who", "127.0.0.1:" + port),
                    CliRun.run("why", port, "--addr", "127.0.0.1"),
                    CliRun.run("kill", "127.0.0.1:" + port, "--dry-run"));
            for (CliRun run : texts) {
                assertThat(run.out()).as(run.out()).doesNotContain("\u001b").contains(SHOWN.substring(0, 6));
                assertThat(run.out().lines().filter(l -> l.startsWith("tcp 0"))).as("a forged row").isEmpty();
            }
            assertThat(CliRun.run("listen", mine).out()).contains(SHOWN);
            CliRun json = CliRun.run("who", "127.0.0.1:" + port, "--json");
            assertThat(json.json().at("/holdings/0/processes/0/name").asText()).isEqualTo(HOSTILE);
        }
    }

    @Test
    void aCsvCellThatASpreadsheetWouldRunIsDefused() {
        assertThat(ForeignText.csvCell("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(ForeignText.csvCell("@SUM(1+1)")).isEqualTo("'@SUM(1+1)");
        assertThat(ForeignText.csvCell("-")).isEqualTo("-");
        assertThat(ForeignText.csvCell("nginx")).isEqualTo("nginx");
    }

    @Test
    void controlAndBidiCharactersAreEscaped() {
        assertThat(ForeignText.visible("a\u001bb\tc\u009bd\u202ee")).isEqualTo("a\\x1bb\\tc\\x9bd\\u{202e}e");
        assertThat(ForeignText.visible("plain name")).isSameAs("plain name".intern()).isEqualTo("plain name");
    }
}
