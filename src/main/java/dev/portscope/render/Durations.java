package dev.portscope.render;

import java.time.Duration;

/** Short human durations: {@code 45s}, {@code 12m 03s}, {@code 2h 05m}, {@code 3d 04h}. */
public final class Durations {

    private Durations() {}

    public static String compact(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format("%dd %02dh", s / 86_400, (s % 86_400) / 3600);
    }
}
