package dev.portscope.cli;

import dev.portscope.testing.CliRun;
import dev.portscope.testing.PortableRuns;
import org.junit.jupiter.api.Tag;

/** {@link WhoCommandTest} again, on the portable platform (OSHI) as Windows and macOS run it. */
@Tag("live")
class PortableWhoCommandTest extends WhoCommandTest {

    @Override
    CliRun run(String... args) {
        return PortableRuns.run(args);
    }

    /**
     * Not run here: it requires both holders of a forked socket, and the portable backend declares
     * "every holder" missing on Linux (OSHI keeps one pid per inode); its listing is checked in
     * {@link PortableCommandsTest}.
     */
    @Override
    void namesEveryHolderOfEachKindOfSocket() {}
}
