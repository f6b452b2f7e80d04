package dev.portscope.testing;

import dev.portscope.cli.CliEnvironment;
import dev.portscope.platform.portable.PortablePlatform;
import dev.portscope.platform.portable.SystemKind;
import java.time.Clock;
import java.util.Map;

/**
 * Runs portscope on the portable platform (OSHI, Java sockets, {@link ProcessHandle}) as Windows and
 * macOS do, on this Linux machine: every command takes the paths it takes there.
 */
public final class PortableRuns {

    private PortableRuns() {}

    public static CliEnvironment environment() {
        return new CliEnvironment(Map.of(), false, 0, new PortablePlatform(SystemKind.LINUX), Clock.systemUTC());
    }

    public static CliRun run(String... args) {
        return CliRun.run(environment(), args);
    }
}
