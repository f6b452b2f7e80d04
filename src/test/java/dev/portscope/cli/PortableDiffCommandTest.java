package dev.portscope.cli;

import dev.portscope.testing.CliRun;
import dev.portscope.testing.PortableRuns;
import org.junit.jupiter.api.Tag;

/** {@link DiffCommandTest} again, on the portable platform (OSHI) as Windows and macOS run it. */
@Tag("live")
class PortableDiffCommandTest extends DiffCommandTest {

    @Override
    CliRun run(String... args) {
        return PortableRuns.run(args);
    }
}
