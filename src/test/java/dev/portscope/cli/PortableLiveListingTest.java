package dev.portscope.cli;

import dev.portscope.testing.CliRun;
import dev.portscope.testing.PortableRuns;
import org.junit.jupiter.api.Tag;

/** {@link LiveListingTest} again, on the portable platform (OSHI) as Windows and macOS run it. */
@Tag("live")
class PortableLiveListingTest extends LiveListingTest {

    @Override
    CliRun run(String... args) {
        return PortableRuns.run(args);
    }

    /**
     * Not run here: it requires the socket's uid (the UID column, 0 as root), which the portable
     * backend declares missing and shows as '-' ({@link PortableCommandsTest} checks that).
     */
    @Override
    void tableAndCsvShowTheSameSocket() {}
}
