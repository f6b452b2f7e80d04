package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.LoadedClasses;
import java.util.List;
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

    private static boolean portable(String line) {
        return line.contains("] dev.portscope.platform.portable.") || line.contains("] oshi.") || line.contains("] com.sun.jna.")
                || line.contains("] org.slf4j.");
    }

    @Test
    @Timeout(120)
    void listenOnLinuxLoadsNothingOfThePortableBackend() throws Exception {
        List<String> listen = LoadedClasses.of("listen");
        assertThat(listen).anyMatch(l -> l.contains("dev.portscope.platform.linux.LinuxPlatform"));
        assertThat(listen).anyMatch(l -> l.contains("dev.portscope.render.TableWriter"));
        assertThat(listen).noneMatch(PortableClassesTest::portable);
    }

    @Test
    @Timeout(120)
    void theCheckSeesThePortableBackendWhenItIsChosen() throws Exception {
        List<String> portable = LoadedClasses.of("listen", "--backend", "portable");
        assertThat(portable).anyMatch(l -> l.contains("] dev.portscope.platform.portable.PortableSocketSource"));
        assertThat(portable).anyMatch(l -> l.contains("] oshi."));
    }
}
