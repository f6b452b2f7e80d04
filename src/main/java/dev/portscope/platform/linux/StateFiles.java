package dev.portscope.platform.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a container runtime's state files under a root ({@code /} on the machine, a fixture tree in
 * tests). Read as root from places other users may write to (a rootless user's home), so a file is
 * read only if its real path stays under the root (no symlink leads out), it is a regular file, and
 * it is no larger than a cap.
 */
final class StateFiles {

    private final Path root;
    private Path realRoot;

    StateFiles(Path root) {
        this.root = root;
    }

    /** Why a state file was not read: the note says what and where. */
    static final class Refused extends Exception {
        private final boolean denied;

        Refused(String message) {
            this(message, false);
        }

        Refused(String message, boolean denied) {
            super(message, null, false, false);
            this.denied = denied;
        }

        /** Refused by the file's permissions: not root, as a rule. */
        boolean denied() {
            return denied;
        }
    }

    /**
     * The bytes of the file at {@code relative} (without a leading slash) under the root.
     *
     * @return empty when the file does not exist
     * @throws Refused when it leads out of the root, is not a regular file, is larger than
     *                 {@code maxBytes}, or cannot be read
     */
    Optional<byte[]> read(String relative, int maxBytes) throws Refused {
        Path file = root.resolve(relative);
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
                return Optional.empty();
            }
            Path real = file.toRealPath();
            if (!real.startsWith(realRoot())) {
                throw new Refused(file + " leads out of " + root + " (to " + real + "): not read");
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new Refused(file + " is not a regular file: not read");
            }
            try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new Refused(file + " is larger than " + maxBytes + " bytes: not read");
                }
                return Optional.of(bytes);
            }
        } catch (NoSuchFileException e) {
            return Optional.empty(); // removed meanwhile, or a dangling link: the container is gone
        } catch (java.nio.file.AccessDeniedException e) {
            throw new Refused(file + ": " + Failures.reason(e), true);
        } catch (IOException e) {
            throw new Refused(file + ": " + Failures.reason(e));
        }
    }

    /** The names in a directory under the root, empty when it does not exist or leads out of the root. */
    java.util.List<String> list(String relative) {
        Path dir = root.resolve(relative);
        try {
            Path real = dir.toRealPath();
            if (!real.startsWith(realRoot()) || !Files.isDirectory(real)) {
                return java.util.List.of();
            }
            try (var entries = Files.list(real)) {
                return entries.limit(10_000).map(p -> p.getFileName().toString()).toList();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return java.util.List.of();
        }
    }

    private Path realRoot() throws IOException {
        if (realRoot == null) {
            realRoot = root.toRealPath();
        }
        return realRoot;
    }
}
