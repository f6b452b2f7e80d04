package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Linux run on its native backend loads no class of the portable backend, nor OSHI, JNA or slf4j:
 * {@code portscope listen} starts as before the backend came. Checked in a JVM of its own, which lists
 * every class it loads; the same run with {@code --backend portable} shows that the check sees them.
 */
@Tag("live")
class PortableClassesTest {

    private static List<String> loadedClasses(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-verbose:class",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(50, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> l.contains("[class,load]")).toList();
    }

    private static boolean portable(String line) {
        return line.contains("] dev.portscope.platform.portable.") || line.contains("] oshi.") || line.contains("] com.sun.jna.")
                || line.contains("] org.slf4j.");
    }

    @Test
    @Timeout(120)
    void listenOnLinuxLoadsNothingOfThePortableBackend() throws Exception {
        List<String> listen = loadedClasses("listen");
        assertThat(listen).anyMatch(l -> l.contains("dev.portscope.platform.linux.LinuxPlatform"));
        assertThat(listen).anyMatch(l -> l.contains("dev.portscope.render.TableWriter"));
        assertThat(listen).noneMatch(PortableClassesTest::portable);
    }

    @Test
    @Timeout(120)
    void theCheckSeesThePortableBackendWhenItIsChosen() throws Exception {
        List<String> portable = loadedClasses("listen", "--backend", "portable");
        assertThat(portable).anyMatch(l -> l.contains("] dev.portscope.platform.portable.PortableSocketSource"));
        assertThat(portable).anyMatch(l -> l.contains("] oshi."));
    }
}
