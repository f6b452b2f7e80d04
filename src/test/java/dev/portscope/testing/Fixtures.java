package dev.portscope.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates fixture trees under {@code src/test/resources/fixtures}. They are read in place, not from
 * the class path: fake {@code /proc} trees hold symbolic links ({@code fd/3 -> socket:[5967]}) that
 * resource copying would drop.
 */
public final class Fixtures {

    private static final Path ROOT = Path.of("src/test/resources/fixtures").toAbsolutePath();

    private Fixtures() {}

    public static Path path(String relative) {
        Path path = ROOT.resolve(relative);
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("missing fixture " + path);
        }
        return path;
    }
}
