package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.Fixtures;
import dev.portscope.testing.LoopbackSockets;
import dev.portscope.testing.SpecialFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Tag("live")
class SnapshotCommandTest {

    @TempDir
    Path dir;

    @Test
    void savesListenersWithFormatAndVersion() throws Exception {
        try (LoopbackSockets sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("127.0.0.1"));
            Path file = dir.resolve("base.json");
            CliRun run = CliRun.run("snapshot", "save", file.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(run.partial() ? ExitCodes.PARTIAL : ExitCodes.OK);
            JsonNode saved = new ObjectMapper().readTree(Files.readString(file));
            assertThat(saved.get("format").asText()).isEqualTo("portscope-baseline");
            assertThat(saved.get("version").asInt()).isEqualTo(1);
            JsonNode ours = null;
            for (JsonNode l : saved.get("listeners")) {
                if (l.get("port").asInt() == port && l.get("protocol").asText().equals("tcp")) {
                    ours = l;
                }
            }
            assertThat(ours).isNotNull();
            assertThat(ours.get("exposure").asText()).isEqualTo("loopback");
            assertThat(ours.get("addresses").get(0).asText()).isEqualTo("127.0.0.1");
            assertThat(ours.get("pids").get(0).asLong()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void anUnknownActionIsAUsageError() {
        CliRun run = CliRun.run("snapshot", "load", dir.resolve("x").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown snapshot action 'load': expected save");
    }

    @Test
    void anUnwritablePlaceIsOneLine() {
        CliRun run = CliRun.run("snapshot", "save", dir.resolve("no/such/dir/base.json").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).isEqualTo("portscope: cannot write " + dir.resolve("no/such/dir/base.json") + ": no such directory");
    }

    private static final String RECORDING = Fixtures.path("netlink/loopback-all-states/recording.bin").toString();

    /** Regression: the baseline was renamed over the device node, exit 0, nothing written to the device. */
    @Test
    void aDeviceIsWrittenToAndStaysADevice() throws Exception {
        Path device = SpecialFiles.nullDevice(dir);
        CliRun run = CliRun.run("snapshot", "save", device.toString(), "--replay", RECORDING);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(SpecialFiles.type(device)).isEqualTo("character special file");
    }

    @Test
    void aDeviceThatFailsTheWriteIsAnErrorOfOneLine() throws Exception {
        Path device = SpecialFiles.fullDevice(dir);
        CliRun run = CliRun.run("snapshot", "save", device.toString(), "--replay", RECORDING);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).isEqualTo("portscope: cannot write " + device + ": no space left on device");
        assertThat(SpecialFiles.type(device)).isEqualTo("character special file");
    }

    @Test
    void aDashIsStandardOutputAndADirectoryIsRefused() {
        CliRun dash = CliRun.run("snapshot", "save", "-", "--replay", RECORDING);
        assertThat(dash.exitCode()).as(dash.err()).isZero();
        assertThat(dash.json().get("format").asText()).isEqualTo("portscope-baseline");
        assertThat(dash.err()).contains("to standard output");
        assertThat(Path.of("-")).doesNotExist();

        CliRun directory = CliRun.run("snapshot", "save", dir.toString(), "--replay", RECORDING);
        assertThat(directory.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(directory.err().strip()).isEqualTo("portscope: cannot write " + dir + ": it is a directory");
    }

    /** The real /dev/stdout, a link to /proc/self/fd/1, here a pipe: the baseline reaches the reader. */
    @Test
    @Timeout(60)
    void devStdoutReachesTheReaderOfStandardOutput() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "snapshot", "save", "/dev/stdout", "--replay", RECORDING)).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(50, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(new ObjectMapper().readTree(out).get("format").asText()).isEqualTo("portscope-baseline");
        assertThat(Files.isSymbolicLink(Path.of("/dev/stdout"))).isTrue();
    }
}
