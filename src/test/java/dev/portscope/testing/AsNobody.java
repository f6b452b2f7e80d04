package dev.portscope.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portscope.cli.Main;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs as the unprivileged user nobody (uid and gid 65534, no groups) through util-linux's
 * setpriv, for tests where the attacker, or the user, is not root. Needs root; a test that cannot
 * switch is skipped.
 */
public final class AsNobody {

    public static final int UID = 65534;

    private AsNobody() {}

    /** Skips the test unless this JVM runs as root and setpriv is there. */
    public static void assumePossible() {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to switch to nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
    }

    private static List<String> setpriv() {
        return List.of("/usr/bin/setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups");
    }

    /** Runs {@code command} as nobody, waits (at most 30 s), and fails the test unless it exits 0. */
    public static void run(String... command) throws Exception {
        assumePossible();
        List<String> all = new ArrayList<>(setpriv());
        all.addAll(List.of(command));
        Process process = new ProcessBuilder(all).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("as nobody, " + String.join(" ", command) + " failed: " + output);
        }
    }

    /**
     * Starts portscope as nobody in {@code dir} (made readable to all), its standard output going to
     * {@code dir/out.json}. The jars of the class path live under root's home, where nobody cannot
     * read: they are copied into {@code dir}.
     */
    public static Process portscope(Path dir, String... args) throws Exception {
        assumePossible();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path)) {
                Path copy = dir.resolve(classPath.size() + "-" + path.getFileName());
                Files.copy(path, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                classPath.add(copy.toString());
            } else {
                classPath.add(entry);
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(setpriv());
        command.addAll(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, classPath),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("out.json").toFile())
                .start();
    }
}
