package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.Fixtures;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An answer that cannot be written is an error, not a success: portscope run as a process with its output on /dev/full. */
class OutputFailureTest {

    @Test
    @Timeout(60)
    void aFullOutputIsAnErrorNamingTheCause() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String recording = Fixtures.path("netlink/loopback-all-states/recording.bin").toString();
        Process process = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "all", "--replay", recording))
                .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/full")))
                .start();
        assertThat(process.waitFor(50, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(err).isEqualTo(ExitCodes.OUTPUT_ERROR);
        assertThat(err).contains("portscope: cannot write to standard output: No space left on device").doesNotContain("Exception");
    }
}
