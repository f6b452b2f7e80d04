package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.SocketState;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KernelSocketStatesTest {

    @Test
    void everyKernelCodeMapsToItsOwnStateAndBack() {
        Set<SocketState> seen = EnumSet.noneOf(SocketState.class);
        for (int code = 1; code <= 13; code++) {
            SocketState state = KernelSocketStates.toModel(code);
            assertThat(state).isNotEqualTo(SocketState.UNKNOWN);
            assertThat(KernelSocketStates.toKernel(state)).isEqualTo(code);
            seen.add(state);
        }
        assertThat(seen).hasSize(13).doesNotContain(SocketState.UNKNOWN);
        assertThat(KernelSocketStates.toModel(1)).isEqualTo(SocketState.ESTABLISHED);
        assertThat(KernelSocketStates.toModel(10)).isEqualTo(SocketState.LISTEN);
        assertThat(KernelSocketStates.toModel(8)).isEqualTo(SocketState.CLOSE_WAIT);
    }

    @Test
    void unknownCodesStayUnknown() {
        assertThat(KernelSocketStates.toModel(0)).isEqualTo(SocketState.UNKNOWN);
        assertThat(KernelSocketStates.toModel(14)).isEqualTo(SocketState.UNKNOWN);
        assertThat(KernelSocketStates.toKernel(SocketState.UNKNOWN)).isEqualTo(-1);
    }
}
