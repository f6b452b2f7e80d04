package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Protocol;
import dev.portscope.model.SocketState;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.linux.KernelSocketStates;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every kernel state code, through the decoder and through the pushed-down state mask. */
class KernelStateMappingTest {

    /** {@code include/net/tcp_states.h}, written out here so the test does not share the code under test. */
    private static final Map<Integer, SocketState> KERNEL = Map.ofEntries(
            Map.entry(1, SocketState.ESTABLISHED),
            Map.entry(2, SocketState.SYN_SENT),
            Map.entry(3, SocketState.SYN_RECV),
            Map.entry(4, SocketState.FIN_WAIT1),
            Map.entry(5, SocketState.FIN_WAIT2),
            Map.entry(6, SocketState.TIME_WAIT),
            Map.entry(7, SocketState.CLOSE),
            Map.entry(8, SocketState.CLOSE_WAIT),
            Map.entry(9, SocketState.LAST_ACK),
            Map.entry(10, SocketState.LISTEN),
            Map.entry(11, SocketState.CLOSING),
            Map.entry(12, SocketState.NEW_SYN_RECV),
            Map.entry(13, SocketState.BOUND_INACTIVE));

    @Test
    void everyStateByteDecodesToItsStateOrUnknown() {
        for (int code = 0; code < 256; code++) {
            var decoded = new SockDiagDecoder(0, false).decodeAll(new Messages().answer(code).done().bytes(), Protocol.TCP);
            assertThat(decoded.problems()).isEmpty();
            assertThat(decoded.sockets()).singleElement()
                    .extracting(s -> s.state())
                    .as("kernel state %d", code)
                    .isEqualTo(KERNEL.getOrDefault(code, SocketState.UNKNOWN));
        }
    }

    @Test
    void everyModelStateHasItsOwnBitInTheMask() {
        assertThat(KERNEL.values()).containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(SocketState.UNKNOWN)));
        KERNEL.forEach((code, state) -> {
            assertThat(InetDiagRequest.stateMask(Protocol.UDP, Set.of(state))).as("%s", state).isEqualTo(1 << code);
            assertThat(KernelSocketStates.toKernel(state)).isEqualTo(code);
        });
    }

    @Test
    void tcpCloseAlsoAsksForBoundInactiveSockets() {
        assertThat(InetDiagRequest.stateMask(Protocol.TCP, Set.of(SocketState.CLOSE))).isEqualTo((1 << 7) | (1 << 13));
        assertThat(InetDiagRequest.stateMask(Protocol.TCP, Set.of(SocketState.LISTEN))).isEqualTo(1 << 10);
    }

    @Test
    void unknownAsksForEveryState() {
        assertThat(InetDiagRequest.stateMask(Protocol.TCP, Set.of(SocketState.UNKNOWN, SocketState.LISTEN))).isEqualTo(-1);
        assertThat(InetDiagRequest.stateMask(Protocol.TCP, SocketQuery.connections().tcpStates())).isEqualTo(-1);
    }

    @Test
    void theListeningQueryPushesDownOnlyListenersAndUnconnectedUdp() {
        SocketQuery listening = SocketQuery.listening();
        assertThat(InetDiagRequest.stateMask(Protocol.TCP, listening.tcpStates())).isEqualTo(1 << 10);
        assertThat(InetDiagRequest.stateMask(Protocol.UDP, listening.udpStates())).isEqualTo(1 << 7);
    }
}
