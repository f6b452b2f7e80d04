package dev.portscope.cli;

import dev.portscope.testing.CliRun;
import dev.portscope.testing.PortableRuns;
import org.junit.jupiter.api.Tag;

/** {@link SummaryCommandTest} again, on the portable platform (OSHI) as Windows and macOS run it. */
@Tag("live")
class PortableSummaryCommandTest extends SummaryCommandTest {

    @Override
    CliRun run(String... args) {
        return PortableRuns.run(args);
    }
}
