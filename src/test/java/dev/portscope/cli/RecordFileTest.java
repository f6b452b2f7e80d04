package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.AsNobody;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.SpecialFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code record FILE} where FILE is hostile: a link another user planted in /tmp, a device; and the mode of what it creates. */
@Timeout(120)
class RecordFileTest {

    @TempDir
    Path dir;

    /** Regression: root's record followed nobody's /tmp/x.rec -> /etc/file and overwrote the file. */
    @Test
    void aLinkPlantedByAnotherUserInAStickyDirectoryIsRefusedAndItsTargetKept() throws Exception {
        Path victim = Files.writeString(dir.resolve("precious.conf"), "do not overwrite\n");
        Path shared = SpecialFiles.stickyDirectory(dir);
        Path planted = shared.resolve("x.rec");
        AsNobody.run("ln", "-s", victim.toString(), planted.toString());

        CliRun run = CliRun.run("record", planted.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).isEqualTo("portscope: cannot write " + planted + ": it is a symbolic link in " + shared
                + ", a directory others can write to; portscope does not follow it (name the file itself)");
        assertThat(Files.readString(victim)).isEqualTo("do not overwrite\n");
        assertThat(Files.isSymbolicLink(planted)).isTrue();
    }

    /** Regression: a new recording was created 0644, readable by every user. */
    @Test
    void anUnprivilegedUsersNewRecordingIsPrivateToThem() throws Exception {
        Path shared = SpecialFiles.stickyDirectory(dir);
        Path file = shared.resolve("mine.rec");
        Path work = Files.createDirectory(dir.resolve("work"));
        Process run = AsNobody.portscope(work, "record", file.toString());
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(err).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))).isEqualTo("rw-------");
        assertThat(Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(AsNobody.UID);
        assertThat(Files.size(file)).isPositive();
        assertThat(err).contains("bytes) to " + file);
    }

    @Test
    void aRecordingToADeviceIsWrittenToIt() throws Exception {
        Path device = SpecialFiles.nullDevice(dir);
        CliRun run = CliRun.run("record", device.toString(), "-t", "-4");
        assertThat(run.exitCode()).as(run.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        assertThat(SpecialFiles.type(device)).isEqualTo("character special file");
        assertThat(run.err()).doesNotContain("(0 bytes)");

        Path full = SpecialFiles.fullDevice(dir);
        CliRun failed = CliRun.run("record", full.toString(), "-t", "-4");
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(failed.err().strip()).isEqualTo("portscope: cannot write " + full + ": no space left on device");
    }
}
