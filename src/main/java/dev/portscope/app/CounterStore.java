package dev.portscope.app;

import dev.portscope.analysis.health.CounterHistory;
import dev.portscope.platform.Platform;
import dev.portscope.platform.TcpCounters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where {@code portscope health} keeps the TCP counters of its last run: one file,
 * {@code $XDG_STATE_HOME/portscope/tcp-counters.properties}, else under {@code ~/.local/state}.
 * The directory is used only when it, and each parent portscope creates, is a directory of the user
 * running portscope, not a link (root under sudo with another user's {@code HOME} keeps nothing
 * there); it is created 0700, the file 0600, neither through a link ({@link OutputFiles}).
 */
public final class CounterStore {

    static final String FILE = "tcp-counters.properties";
    /** The file holds a few dozen counters: anything larger is not portscope's. */
    static final long LIMIT = 64 * 1024;

    private final Path directory;
    private final OutputFiles files;
    private final OptionalInt owner;
    private final CounterHistory.Origin origin;

    private CounterStore(Path directory, OptionalInt owner, CounterHistory.Origin origin) {
        this.directory = directory;
        this.files = new OutputFiles(owner);
        this.owner = owner;
        this.origin = origin;
    }

    /** The store of the user these variables describe; empty when neither XDG_STATE_HOME nor HOME is set. */
    public static Optional<CounterStore> locate(Map<String, String> variables, Platform platform) {
        String state = variables.get("XDG_STATE_HOME");
        Path dir;
        if (state != null && !state.isBlank()) {
            dir = Path.of(state, "portscope");
        } else {
            String home = variables.get("HOME");
            if (home == null || home.isBlank()) {
                return Optional.empty();
            }
            dir = Path.of(home, ".local", "state", "portscope");
        }
        var origin = CounterHistory.Origin.of(platform.namespaces().currentId(), platform.kernelSettings().bootId());
        return Optional.of(new CounterStore(dir, platform.credentials().effectiveUid(), origin));
    }

    public Path file() {
        return directory.resolve(FILE);
    }

    /** The counters of the last run in this namespace and this boot; empty on a first run, or when they cannot be trusted. */
    public Optional<TcpCounters> load() {
        try {
            files.privateDirectory(directory, false);
        } catch (FileException e) {
            return Optional.empty(); // said when this run saves
        }
        return InputFiles.readOwn(file(), owner, LIMIT)
                .flatMap(bytes -> CounterHistory.parse(new String(bytes, StandardCharsets.UTF_8), origin));
    }

    /**
     * Keeps {@code counters} for the next run, replacing the file whole; files of earlier versions
     * (one per namespace, {@code tcp-counters-NS.properties}) are removed.
     *
     * @throws FileException saying why they cannot be kept (a directory of another user, a link)
     */
    public void save(TcpCounters counters) throws FileException {
        Path dir = files.privateDirectory(directory, true);
        files.writeState(dir.resolve(FILE), CounterHistory.format(counters, origin).getBytes(StandardCharsets.UTF_8));
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "tcp-counters-*.properties")) {
            for (Path p : old) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // stale files of an earlier version stay; they are never read
        }
    }
}
