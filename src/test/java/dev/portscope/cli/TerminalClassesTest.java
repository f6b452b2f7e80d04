package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The terminal library and top's screen are loaded by top alone: the other commands start as fast
 * as before it came. Checked in a JVM of its own, which lists every class it loads.
 */
class TerminalClassesTest {

    private static List<String> loadedClasses(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(50, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> l.contains("[class,load]")).toList();
    }

    @Test
    @Timeout(120)
    void otherCommandsAndTheHelpOfAllLoadNoTerminalClasses() throws Exception {
        String recording = Fixtures.path("netlink/loopback-all-states/recording.bin").toString();
        List<String> listing = loadedClasses("all", "--replay", recording);
        assertThat(listing).anyMatch(l -> l.contains("dev.portscope.render.TableWriter"));
        assertThat(listing).noneMatch(l -> l.contains("] org.jline.") || l.contains("] dev.portscope.tui."));
        assertThat(loadedClasses("--help")).noneMatch(l -> l.contains("] org.jline.") || l.contains("] dev.portscope.tui."));
    }

    @Test
    @Timeout(120)
    void pipedTopLoadsNoTerminalLibrary() throws Exception {
        String recording = Fixtures.path("netlink/loopback-all-states/recording.bin").toString();
        List<String> top = loadedClasses("top", "--replay", recording, "--count", "1");
        assertThat(top).anyMatch(l -> l.contains("dev.portscope.tui.PlainTop"));
        assertThat(top).noneMatch(l -> l.contains("] org.jline.")); // the JDK's own jdk.internal.org.jline is not ours
    }
}
