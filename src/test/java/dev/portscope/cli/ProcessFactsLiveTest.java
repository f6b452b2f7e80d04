package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What portscope says of real processes: a long name, a deleted program, an unknown user. */
@Timeout(60)
class ProcessFactsLiveTest {

    private static final String LISTENER = """
            import socket, sys
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
            print(s.getsockname()[1], flush=True)
            sys.stdin.read()
            """;

    @TempDir
    Path dir;

    /** python3 under another file name: the kernel keeps 15 characters of it as the process name. */
    private ChildProcess listenerNamed(String fileName) throws Exception {
        Path program = dir.resolve(fileName);
        Files.copy(Path.of("/usr/bin/python3").toRealPath(), program, StandardCopyOption.COPY_ATTRIBUTES);
        return ChildProcess.start(List.of(program.toString(), "-c", LISTENER));
    }

    @Test
    void aNameLongerThanTheKernelKeepsStillFindsItsProcess() throws Exception {
        try (ChildProcess listener = listenerNamed("portscope-long-listener")) {
            int port = Integer.parseInt(listener.firstLine().trim());
            CliRun run = CliRun.run("listen", "--process", "portscope-long-listener", "sport", "=", ":" + port);
            assertThat(run.exitCode()).as(run.err()).isIn(0, 3);
            assertThat(run.out()).contains(Integer.toString(port), Long.toString(listener.pid()), "portscope-long-");
        }
    }

    @Test
    void aProgramDeletedSinceItStartedIsFlagged() throws Exception {
        try (ChildProcess listener = listenerNamed("upgraded-daemon")) {
            int port = Integer.parseInt(listener.firstLine().trim());
            Files.delete(dir.resolve("upgraded-daemon"));
            CliRun run = CliRun.run("who", "127.0.0.1:" + port);
            assertThat(run.out()).contains("executable deleted since it started: " + dir.resolve("upgraded-daemon"));
            CliRun json = CliRun.run("who", "127.0.0.1:" + port, "--json");
            assertThat(json.out()).contains("\"executableDeleted\" : true");
        }
    }

    @Test
    void anUnknownUserIsAUsageErrorNotAnEmptyAnswer() {
        CliRun run = CliRun.run("listen", "--user", "no-such-user-here");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("portscope: --user: no user 'no-such-user-here' in /etc/passwd\n");
    }
}
