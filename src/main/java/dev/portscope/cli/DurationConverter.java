package dev.portscope.cli;

import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/**
 * A duration as people type it on a command line: {@code 2} or {@code 2s}, {@code 500ms},
 * {@code 1.5s}, {@code 10m}, {@code 1h}. A bare number is seconds, as in {@code watch -n} and {@code top -d}.
 */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    static Duration parse(String text) {
        String t = text.trim();
        long unitMillis;
        String number;
        if (t.endsWith("ms")) {
            unitMillis = 1;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unitMillis = 1000;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unitMillis = 60_000;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unitMillis = 3_600_000;
            number = t.substring(0, t.length() - 1);
        } else {
            unitMillis = 1000;
            number = t;
        }
        try {
            BigDecimal value = new BigDecimal(number);
            if (value.signum() < 0 || value.scale() > 3 || value.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(value.multiply(BigDecimal.valueOf(unitMillis)).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("'" + text + "' is not a duration (say 2, 2s, 500ms, 1.5s, 10m or 1h)");
        }
    }
}
