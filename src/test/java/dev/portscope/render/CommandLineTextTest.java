package dev.portscope.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTextTest {

    @Test
    void quotesWhatAShellWouldNeedAndEscapesControls() {
        assertThat(CommandLineText.of(List.of("python3", "-m", "http.server", "8000"))).isEqualTo("python3 -m http.server 8000");
        assertThat(CommandLineText.of(List.of("sh", "-c", "echo 'hi' && sleep 1"))).isEqualTo("sh -c 'echo '\\''hi'\\'' && sleep 1'");
        assertThat(CommandLineText.of(List.of("python3", "-c", "\nimport os\n"))).isEqualTo("python3 -c '\\nimport os\\n'");
        assertThat(CommandLineText.of(List.of("a", ""))).isEqualTo("a ''");
    }
}
