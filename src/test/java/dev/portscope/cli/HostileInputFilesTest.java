package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.CliRun;
import dev.portscope.testing.SpecialFiles;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policies, baselines and recordings that are not what they should be: a device that never ends,
 * a FIFO with no writer, a file of gigabytes. Each is one line and a quick exit, never a hang, an
 * OutOfMemoryError or a stack trace.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileInputFilesTest {

    private static final String RECORDING = dev.portscope.testing.Fixtures.path("netlink/loopback-all-states/recording.bin").toString();

    @TempDir
    Path dir;

    private final List<Path> fifos = new ArrayList<>();

    /** A FIFO nobody writes to; a reader stuck opening it (a regression) is let go after the test. */
    private Path fifo() throws Exception {
        Path fifo = SpecialFiles.fifo(dir.resolve("fifo-" + fifos.size()));
        fifos.add(fifo);
        return fifo;
    }

    @AfterEach
    void releaseStuckReaders() throws Exception {
        for (Path fifo : fifos) {
            try (var writer = new RandomAccessFile(fifo.toFile(), "rw")) { // O_RDWR: opens at once on Linux, and so does a waiting reader
                writer.getFD();
            }
        }
    }

    /** A sparse file: gigabytes long, nothing on disk. */
    private Path sparse(String name, long size) throws Exception {
        Path file = dir.resolve(name);
        try (var f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    private static void oneLine(CliRun run, int code, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.err()).isEqualTo("portscope: " + expected + System.lineSeparator());
    }

    @Test
    void aPolicyThatIsADeviceOrAFifoIsRefusedBeforeItIsOpened() throws Exception {
        Path zero = SpecialFiles.zeroDevice(dir);
        oneLine(CliRun.run("audit", "--policy", zero.toString(), "--replay", RECORDING), ExitCodes.UNKNOWN,
                "cannot read policy " + zero + ": it is a character device, not a regular file");
        Path fifo = fifo();
        oneLine(CliRun.run("audit", "--policy", fifo.toString(), "--replay", RECORDING), ExitCodes.UNKNOWN,
                "cannot read policy " + fifo + ": it is a FIFO (named pipe), not a regular file");
        oneLine(CliRun.run("audit", "--policy", dir.toString(), "--replay", RECORDING), ExitCodes.UNKNOWN,
                "cannot read policy " + dir + ": it is a directory, not a regular file");
    }

    /** Regression: a policy over 2 GiB was an OutOfMemoryError. */
    @Test
    void aHugePolicyOrBaselineIsRefusedNamingTheLimit() throws Exception {
        Path policy = sparse("policy.yaml", 3L << 30);
        oneLine(CliRun.run("audit", "--policy", policy.toString(), "--replay", RECORDING), ExitCodes.UNKNOWN,
                "cannot read policy " + policy + ": it is 3 GiB; portscope reads at most 4 MiB");
        Path baseline = sparse("baseline.json", (64L << 20) + 1);
        oneLine(CliRun.run("diff", baseline.toString(), "--replay", RECORDING), ExitCodes.USAGE,
                "cannot read baseline " + baseline + ": it is 64.0 MiB; portscope reads at most 64 MiB");
    }

    @Test
    void aBaselineThatIsADeviceOrAFifoIsRefused() throws Exception {
        Path urandom = SpecialFiles.zeroDevice(dir);
        oneLine(CliRun.run("diff", urandom.toString(), "--replay", RECORDING), ExitCodes.USAGE,
                "cannot read baseline " + urandom + ": it is a character device, not a regular file");
        Path fifo = fifo();
        oneLine(CliRun.run("audit", "--baseline", fifo.toString(), "--replay", RECORDING), ExitCodes.UNKNOWN,
                "cannot read baseline " + fifo + ": it is a FIFO (named pipe), not a regular file");
    }

    /** Regression: a recording over 2 GiB was an IllegalArgumentException and its stack trace. */
    @Test
    void aRecordingThatIsAFifoADeviceOrHugeIsRefused() throws Exception {
        Path fifo = fifo();
        oneLine(CliRun.run("listen", "--replay", fifo.toString()), ExitCodes.USAGE,
                "cannot replay " + fifo + ": it is a FIFO (named pipe), not a regular file");
        Path zero = SpecialFiles.zeroDevice(dir);
        oneLine(CliRun.run("listen", "--replay", zero.toString()), ExitCodes.USAGE,
                "cannot replay " + zero + ": it is a character device, not a regular file");
        Path huge = sparse("huge.rec", 3L << 30);
        oneLine(CliRun.run("all", "--replay", huge.toString()), ExitCodes.USAGE,
                "cannot replay " + huge + ": it is 3 GiB; portscope reads at most 1 GiB");
    }

    @Test
    void aPolicyThatIsNotUtf8IsOneLine() throws Exception {
        Path policy = Files.write(dir.resolve("latin1.yaml"), new byte[] {'v', 'e', 'r', (byte) 0xe9, '\n'});
        oneLine(CliRun.run("audit", "--policy", policy.toString(), "--replay", RECORDING), ExitCodes.UNKNOWN,
                "cannot read policy " + policy + ": not UTF-8 text");
    }
}
