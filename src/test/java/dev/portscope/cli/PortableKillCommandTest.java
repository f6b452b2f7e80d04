package dev.portscope.cli;

import dev.portscope.testing.CliRun;
import dev.portscope.testing.PortableRuns;
import org.junit.jupiter.api.Tag;

/** {@link KillCommandTest} again, on the portable platform (OSHI) as Windows and macOS run it. */
@Tag("live")
class PortableKillCommandTest extends KillCommandTest {

    @Override
    CliRun run(String... args) {
        return PortableRuns.run(args);
    }
}
