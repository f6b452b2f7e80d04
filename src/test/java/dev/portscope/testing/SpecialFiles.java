package dev.portscope.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Files that are not regular files, made by the test in its own directory: device nodes with the
 * numbers of {@code /dev/null}, {@code /dev/zero} and {@code /dev/full} (so that a bug replaces the
 * test's node, never the machine's), FIFOs, a sticky directory anyone may write to, as {@code /tmp}.
 */
public final class SpecialFiles {

    private SpecialFiles() {}

    /** A character device like /dev/null (1, 3): writes vanish. Needs root (mknod). */
    public static Path nullDevice(Path dir) throws Exception {
        return mknod(dir.resolve("null"), "c", 1, 3);
    }

    /** A character device like /dev/zero (1, 5): reads never end. */
    public static Path zeroDevice(Path dir) throws Exception {
        return mknod(dir.resolve("zero"), "c", 1, 5);
    }

    /** A character device like /dev/full (1, 7): every write fails with ENOSPC. */
    public static Path fullDevice(Path dir) throws Exception {
        return mknod(dir.resolve("full"), "c", 1, 7);
    }

    /** A block device node of a loop device number that nothing uses; never opened by the tests. */
    public static Path blockDevice(Path dir) throws Exception {
        return mknod(dir.resolve("block"), "b", 7, 250);
    }

    public static Path fifo(Path file) throws Exception {
        run("mkfifo", file.toString());
        return file;
    }

    private static Path mknod(Path file, String type, int major, int minor) throws Exception {
        AsNobody.assumePossible(); // root
        run("mknod", file.toString(), type, Integer.toString(major), Integer.toString(minor));
        return file;
    }

    /** A directory of mode 1777 (sticky, everyone may create), as /tmp, readable by nobody on the way. */
    public static Path stickyDirectory(Path parent) throws Exception {
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = Files.createDirectory(parent.resolve("shared"));
        run("chmod", "1777", dir.toString());
        return dir;
    }

    /** Gives {@code path} (the link itself, not what it points to) to nobody. */
    public static void giveToNobody(Path path) throws Exception {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        var view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(users.lookupPrincipalByName("nobody"));
        view.setGroup(users.lookupPrincipalByGroupName("nogroup"));
    }

    /** The file type as stat(1) names it: {@code character special file}, {@code fifo}, {@code regular file}. */
    public static String type(Path path) throws Exception {
        return run("stat", "-c", "%F", path.toString()).strip();
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + output);
        }
        return output;
    }
}
