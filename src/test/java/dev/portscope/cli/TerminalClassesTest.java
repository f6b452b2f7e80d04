package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.Fixtures;
import dev.portscope.testing.LoadedClasses;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The terminal library and top's screen are loaded by top alone: the other commands start as fast
 * as before it came. Checked in a JVM of its own, which lists every class it loads.
 */
class TerminalClassesTest {

    @Test
    @Timeout(120)
    void otherCommandsAndTheHelpOfAllLoadNoTerminalClasses() throws Exception {
        String recording = Fixtures.path("netlink/loopback-all-states/recording.bin").toString();
        List<String> listing = LoadedClasses.of("all", "--replay", recording);
        assertThat(listing).anyMatch(l -> l.contains("dev.portscope.render.TableWriter"));
        assertThat(listing).noneMatch(l -> l.contains("] org.jline.") || l.contains("] dev.portscope.tui."));
        assertThat(LoadedClasses.of("--help")).noneMatch(l -> l.contains("] org.jline.") || l.contains("] dev.portscope.tui."));
    }

    @Test
    @Timeout(120)
    void pipedTopLoadsNoTerminalLibrary() throws Exception {
        String recording = Fixtures.path("netlink/loopback-all-states/recording.bin").toString();
        List<String> top = LoadedClasses.of("top", "--replay", recording, "--count", "1");
        assertThat(top).anyMatch(l -> l.contains("dev.portscope.tui.PlainTop"));
        assertThat(top).noneMatch(l -> l.contains("] org.jline.")); // the JDK's own jdk.internal.org.jline is not ours
    }
}
