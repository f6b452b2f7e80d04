package dev.portscope.analysis.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortRangesTest {

    @Test
    void listsAndRangesAreMergedAscendingWithoutRepeats() {
        assertThat(PortRanges.parse("8000-8002,22, 3306,8001")).containsExactly(22, 3306, 8000, 8001, 8002);
        assertThat(PortRanges.parse("1-1024")).hasSize(1024).startsWith(1).endsWith(1024);
        assertThat(PortRanges.parse("65535")).containsExactly(65535);
    }

    @Test
    void aMalformedPartIsNamed() {
        assertThatThrownBy(() -> PortRanges.parse("22,80-x,443")).hasMessageContaining("'80-x'");
        assertThatThrownBy(() -> PortRanges.parse("22,,443")).hasMessageContaining("''");
        assertThatThrownBy(() -> PortRanges.parse("100-10")).hasMessageContaining("100 is greater than 10");
        assertThatThrownBy(() -> PortRanges.parse("0")).hasMessageContaining("outside 1-65535");
        assertThatThrownBy(() -> PortRanges.parse("70000")).hasMessageContaining("outside 1-65535");
        assertThatThrownBy(() -> PortRanges.parse("1-2-3")).hasMessageContaining("'1-2-3'");
        assertThatThrownBy(() -> PortRanges.parse(" ")).hasMessageContaining("empty");
    }
}
