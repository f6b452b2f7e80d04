package dev.portscope.analysis.health;

import dev.portscope.platform.TcpCounters;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The TCP counters of the previous run, as the small properties text that the next run compares
 * with ({@code portscope health} without {@code --interval}). Pure: the caller keeps the file.
 *
 * <p>The kernel's counters belong to one network namespace and start at zero at boot; a namespace
 * id (an inode number) is reused once the namespace is gone. So the text names the namespace and
 * the boot ({@code /proc/sys/kernel/random/boot_id}, random(4)) it was taken in, and counters of
 * another namespace or another boot are not compared: there is one file, not one per namespace.
 */
public final class CounterHistory {

    private static final String TIME = "time";
    private static final String NAMESPACE = "namespace";
    private static final String BOOT = "boot";

    private CounterHistory() {}

    /**
     * Where counters were taken: a network namespace id and a boot id, each {@code unknown} when
     * the platform cannot tell (then it matches only itself).
     */
    public record Origin(String namespace, String boot) {

        public static Origin of(Optional<String> namespace, Optional<String> boot) {
            return new Origin(namespace.orElse("unknown"), boot.orElse("unknown"));
        }
    }

    /** The text to keep for the next run. */
    public static String format(TcpCounters counters, Origin origin) {
        Properties p = new Properties();
        p.setProperty(TIME, counters.time().toString());
        p.setProperty(NAMESPACE, origin.namespace());
        p.setProperty(BOOT, origin.boot());
        counters.values().forEach((name, value) -> p.setProperty(name, Long.toString(value)));
        StringWriter text = new StringWriter();
        try {
            p.store(text, "portscope health: TCP counters of the last run");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /**
     * The counters kept in {@code text}, when they were taken in the same namespace and the same
     * boot as {@code origin}; empty otherwise, and when the text is damaged (it is replaced by this run's).
     */
    public static Optional<TcpCounters> parse(String text, Origin origin) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
            if (!origin.namespace().equals(p.getProperty(NAMESPACE)) || !origin.boot().equals(p.getProperty(BOOT))) {
                return Optional.empty();
            }
            Instant time = Instant.parse(p.getProperty(TIME, ""));
            Map<String, Long> values = new HashMap<>();
            for (String name : p.stringPropertyNames()) {
                if (!name.equals(TIME) && !name.equals(NAMESPACE) && !name.equals(BOOT)) {
                    values.put(name, Long.parseLong(p.getProperty(name)));
                }
            }
            return Optional.of(new TcpCounters(time, values));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty(); // a damaged file (Properties.load throws IllegalArgumentException on a bad \\u escape)
        }
    }
}
