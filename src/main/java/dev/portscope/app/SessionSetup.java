package dev.portscope.app;

import java.nio.file.Path;

/**
 * Where a session's sockets come from.
 *
 * @param backend the platform's socket source by name ({@code auto} picks the best one here)
 * @param replay  a recording to read instead of this machine, or null
 * @param details ask for TCP details and socket memory
 */
public record SessionSetup(String backend, Path replay, boolean details) {

    public static SessionSetup live() {
        return new SessionSetup("auto", null, false);
    }

    public boolean isReplay() {
        return replay != null;
    }
}
