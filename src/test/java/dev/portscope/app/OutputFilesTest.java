package dev.portscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portscope.testing.AsNobody;
import dev.portscope.testing.SpecialFiles;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing what a path is: regular files replaced whole, devices and FIFOs written to, links followed
 * only when no one else could have planted them. As root, the victim of planted links; nobody plants them.
 */
@Timeout(60)
class OutputFilesTest {

    private static final byte[] TEXT = "hello\n".getBytes(StandardCharsets.UTF_8);
    private static final OutputFiles ROOT = new OutputFiles(OptionalInt.of(0));

    @TempDir
    Path dir;

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aNewFileIsPrivateAndNoTemporaryFileStays() throws Exception {
        Path file = dir.resolve("new.json");
        ROOT.write(file, TEXT);
        assertThat(Files.readAllBytes(file)).isEqualTo(TEXT);
        assertThat(mode(file)).isEqualTo("rw-------");
        try (var names = Files.list(dir)) {
            assertThat(names).containsExactly(file);
        }
    }

    @Test
    void anExistingFileIsReplacedWholeKeepingItsModeAndItsOtherNamesUntouched() throws Exception {
        Path file = Files.writeString(dir.resolve("old.json"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Path hardLink = Files.createLink(dir.resolve("other-name"), file);
        ROOT.write(file, TEXT);
        assertThat(Files.readAllBytes(file)).isEqualTo(TEXT);
        assertThat(mode(file)).isEqualTo("rw-r--r--");
        assertThat(Files.readString(hardLink)).as("a hard link to the old file is not written through").isEqualTo("old");
    }

    @Test
    void withoutACommitTheOldFileStays() throws Exception {
        Path file = Files.writeString(dir.resolve("old.json"), "old");
        try (var output = ROOT.open(file)) {
            output.write(TEXT);
        }
        assertThat(Files.readString(file)).isEqualTo("old");
        try (var names = Files.list(dir)) {
            assertThat(names).containsExactly(file);
        }
    }

    @Test
    void aCharacterDeviceIsWrittenToNotReplaced() throws Exception {
        Path device = SpecialFiles.nullDevice(dir);
        ROOT.write(device, TEXT);
        assertThat(SpecialFiles.type(device)).isEqualTo("character special file");
    }

    @Test
    void aFailedWriteToADeviceIsAnErrorAndTheDeviceStays() throws Exception {
        Path device = SpecialFiles.fullDevice(dir);
        assertThatThrownBy(() -> ROOT.write(device, TEXT))
                .isInstanceOf(FileException.class)
                .hasMessage("cannot write " + device + ": no space left on device");
        assertThat(SpecialFiles.type(device)).isEqualTo("character special file");
    }

    @Test
    void aFifoIsWrittenToItsReader() throws Exception {
        Path fifo = SpecialFiles.fifo(dir.resolve("pipe"));
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ROOT.write(fifo, TEXT);
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(TEXT);
        assertThat(SpecialFiles.type(fifo)).isEqualTo("fifo");
    }

    @Test
    void aDirectoryAndABlockDeviceAreRefused() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertThatThrownBy(() -> ROOT.write(sub, TEXT)).hasMessage("cannot write " + sub + ": it is a directory");
        Path block = SpecialFiles.blockDevice(dir);
        assertThatThrownBy(() -> ROOT.write(block, TEXT)).hasMessage("cannot write " + block
                + ": it is a block device; portscope writes only regular files, character devices and FIFOs");
        assertThat(SpecialFiles.type(block)).isEqualTo("block special file");
    }

    /** The attack: another user plants /tmp/x -> /etc/something and waits for root to write /tmp/x. */
    @Test
    void aLinkPlantedByAnotherUserInAStickyDirectoryIsNotFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious");
        Path shared = SpecialFiles.stickyDirectory(dir);
        Path link = shared.resolve("x.rec");
        AsNobody.run("ln", "-s", victim.toString(), link.toString());
        assertThatThrownBy(() -> ROOT.write(link, TEXT)).isInstanceOf(FileException.class).hasMessage("cannot write " + link
                + ": it is a symbolic link in " + shared + ", a directory others can write to; portscope does not follow it (name the file itself)");
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void evenRootsOwnLinkInAStickyDirectoryIsNotFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious");
        Path shared = SpecialFiles.stickyDirectory(dir);
        Path link = Files.createSymbolicLink(shared.resolve("x.json"), victim);
        assertThatThrownBy(() -> ROOT.write(link, TEXT)).isInstanceOf(FileException.class);
        assertThat(Files.readString(victim)).isEqualTo("precious");
    }

    @Test
    void aLinkOfAnotherUserIsNotFollowedAnywhere() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious");
        Path link = Files.createSymbolicLink(dir.resolve("x.json"), victim);
        SpecialFiles.giveToNobody(link);
        assertThatThrownBy(() -> ROOT.write(link, TEXT)).hasMessage("cannot write " + link
                + ": it is a symbolic link of another user (uid 65534); portscope does not follow it (name the file itself)");
        assertThat(Files.readString(victim)).isEqualTo("precious");
    }

    @Test
    void aLinkToNothingIsNotFollowedToCreateAFile() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("x.json"), dir.resolve("created-through-the-link"));
        assertThatThrownBy(() -> ROOT.write(link, TEXT)).hasMessage("cannot write " + link
                + ": it is a symbolic link to nothing; portscope does not create files through links");
        assertThat(dir.resolve("created-through-the-link")).doesNotExist();
    }

    /** As /dev/stdout: root's link, in a directory only root writes, to a pipe or a terminal. */
    @Test
    void aLinkOfRootsOwnInAPrivateDirectoryIsFollowed() throws Exception {
        Path device = SpecialFiles.fullDevice(dir);
        Path toDevice = Files.createSymbolicLink(dir.resolve("out"), device);
        assertThatThrownBy(() -> ROOT.write(toDevice, TEXT)).hasMessageEndingWith(": no space left on device");
        assertThat(Files.isSymbolicLink(toDevice)).isTrue();

        Path file = Files.writeString(dir.resolve("real.json"), "old");
        Path toFile = Files.createSymbolicLink(dir.resolve("link.json"), file);
        ROOT.write(toFile, TEXT);
        assertThat(Files.readAllBytes(file)).isEqualTo(TEXT);
        assertThat(Files.isSymbolicLink(toFile)).isTrue();
    }

    @Test
    void aPrivateDirectoryIsCreatedWithItsParentsForItsUserOnly() throws Exception {
        Path state = dir.resolve("home/.local/state/portscope");
        assertThat(ROOT.privateDirectory(state, true)).isEqualTo(state);
        for (Path p = state; !p.equals(dir); p = p.getParent()) {
            assertThat(mode(p)).as(p.toString()).isEqualTo("rwx------");
        }
        assertThat(ROOT.privateDirectory(state, false)).isEqualTo(state);
    }

    @Test
    void aStateDirectoryThatIsALinkOrAnotherUsersIsNotUsed() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path linked = Files.createSymbolicLink(dir.resolve("linked"), elsewhere);
        assertThatThrownBy(() -> ROOT.privateDirectory(linked, true)).hasMessage("cannot use " + linked
                + ": it is a symbolic link; portscope keeps its state only in a directory of its own");

        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        SpecialFiles.giveToNobody(theirs);
        assertThatThrownBy(() -> ROOT.privateDirectory(theirs, true)).hasMessage("cannot use " + theirs
                + ": it belongs to another user (uid 65534)");
        assertThatThrownBy(() -> ROOT.privateDirectory(theirs.resolve("portscope"), true)).hasMessage("cannot use " + theirs
                + ": it belongs to another user (uid 65534)");
        assertThat(theirs.resolve("portscope")).doesNotExist();
    }

    @Test
    void stateIsWrittenOverALinkNotThroughIt() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious");
        Path file = Files.createSymbolicLink(dir.resolve("counters"), victim);
        ROOT.writeState(file, TEXT);
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(mode(file)).isEqualTo("rw-------");
    }
}
