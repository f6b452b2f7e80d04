package dev.portscope.analysis.health;

import dev.portscope.platform.TcpCounters;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The TCP counters of the previous run, kept in a small properties file so that the next run can
 * say what grew in between ({@code portscope health} without {@code --interval}).
 */
public final class CounterHistory {

    private static final String TIME = "time";

    private CounterHistory() {}

    /** The counters saved in {@code file}; empty when there is none or it cannot be read (a first run). */
    public static Optional<TcpCounters> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            Instant time = Instant.parse(p.getProperty(TIME, ""));
            Map<String, Long> values = new HashMap<>();
            for (String name : p.stringPropertyNames()) {
                if (!name.equals(TIME)) {
                    values.put(name, Long.parseLong(p.getProperty(name)));
                }
            }
            return Optional.of(new TcpCounters(time, values));
        } catch (IOException | DateTimeParseException | NumberFormatException e) {
            return Optional.empty(); // a damaged file is replaced by this run's counters
        }
    }

    /** Saves the counters, replacing the file atomically so that a concurrent run never reads half of it. */
    public static void save(Path file, TcpCounters counters) throws IOException {
        Files.createDirectories(file.getParent());
        Properties p = new Properties();
        p.setProperty(TIME, counters.time().toString());
        counters.values().forEach((name, value) -> p.setProperty(name, Long.toString(value)));
        Path temp = Files.createTempFile(file.getParent(), ".tcp-counters", ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "portscope health: TCP counters of the last run");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
