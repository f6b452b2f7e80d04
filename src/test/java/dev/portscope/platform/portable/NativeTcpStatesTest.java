package dev.portscope.platform.portable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.SocketState;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import oshi.software.os.InternetProtocolStats.TcpState;

/** Every Windows MIB_TCP_STATE and every BSD TCPS_* code, by its table and through OSHI's enum. */
class NativeTcpStatesTest {

    /** {@code tcpmib.h}: MIB_TCP_STATE_CLOSED = 1 … MIB_TCP_STATE_DELETE_TCB = 12. */
    private static final Map<Integer, SocketState> WINDOWS = new TreeMap<>(Map.ofEntries(
            Map.entry(1, SocketState.CLOSE),
            Map.entry(2, SocketState.LISTEN),
            Map.entry(3, SocketState.SYN_SENT),
            Map.entry(4, SocketState.SYN_RECV),
            Map.entry(5, SocketState.ESTABLISHED),
            Map.entry(6, SocketState.FIN_WAIT1),
            Map.entry(7, SocketState.FIN_WAIT2),
            Map.entry(8, SocketState.CLOSE_WAIT),
            Map.entry(9, SocketState.CLOSING),
            Map.entry(10, SocketState.LAST_ACK),
            Map.entry(11, SocketState.TIME_WAIT),
            Map.entry(12, SocketState.CLOSE)));

    /** {@code netinet/tcp_fsm.h}: TCPS_CLOSED = 0 … TCPS_TIME_WAIT = 10. */
    private static final Map<Integer, SocketState> BSD = new TreeMap<>(Map.ofEntries(
            Map.entry(0, SocketState.CLOSE),
            Map.entry(1, SocketState.LISTEN),
            Map.entry(2, SocketState.SYN_SENT),
            Map.entry(3, SocketState.SYN_RECV),
            Map.entry(4, SocketState.ESTABLISHED),
            Map.entry(5, SocketState.CLOSE_WAIT),
            Map.entry(6, SocketState.FIN_WAIT1),
            Map.entry(7, SocketState.CLOSING),
            Map.entry(8, SocketState.LAST_ACK),
            Map.entry(9, SocketState.FIN_WAIT2),
            Map.entry(10, SocketState.TIME_WAIT)));

    @Test
    void everyWindowsMibStateHasItsState() {
        WINDOWS.forEach((code, state) -> assertThat(NativeTcpStates.windowsMib(code)).as("MIB state %d", code).isEqualTo(state));
        assertThat(NativeTcpStates.windowsMib(100)).as("MSFT_NetTCPConnection Bound").isEqualTo(SocketState.BOUND_INACTIVE);
    }

    @Test
    void everyBsdStateHasItsState() {
        BSD.forEach((code, state) -> assertThat(NativeTcpStates.bsd(code)).as("TCPS %d", code).isEqualTo(state));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 13, 99, 101, Integer.MAX_VALUE})
    void aWindowsCodeOutsideTheTableIsUnknown(int code) {
        assertThat(NativeTcpStates.windowsMib(code)).isEqualTo(SocketState.UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 11, 12, 255})
    void aBsdCodeOutsideTheTableIsUnknown(int code) {
        assertThat(NativeTcpStates.bsd(code)).isEqualTo(SocketState.UNKNOWN);
    }

    /** OSHI hands over its enum, not the code: each code must reach the same state through it. */
    @Test
    void oshisEnumLosesNothingOfTheWindowsTable() {
        for (int code = 0; code <= 13; code++) {
            assertThat(NativeTcpStates.oshi(OshiLookups.windows(code))).as("MIB state %d through OSHI", code)
                    .isEqualTo(NativeTcpStates.windowsMib(code));
        }
    }

    @Test
    void oshisEnumLosesNothingOfTheBsdTable() {
        for (int code = -1; code <= 12; code++) {
            assertThat(NativeTcpStates.oshi(OshiLookups.mac(code))).as("TCPS %d through OSHI", code)
                    .isEqualTo(NativeTcpStates.bsd(code));
        }
    }

    @Test
    void everyOshiStateIsMapped() {
        for (TcpState state : TcpState.values()) {
            SocketState mapped = NativeTcpStates.oshi(state);
            assertThat(mapped == SocketState.UNKNOWN).as("%s", state).isEqualTo(state == TcpState.UNKNOWN || state == TcpState.NONE);
        }
    }

    @Test
    void aClosedSocketWithALocalPortAndNoPeerIsBound() {
        assertThat(NativeTcpStates.refine(SocketState.CLOSE, 8080, 0)).isEqualTo(SocketState.BOUND_INACTIVE);
        assertThat(NativeTcpStates.refine(SocketState.CLOSE, 0, 0)).isEqualTo(SocketState.CLOSE);
        assertThat(NativeTcpStates.refine(SocketState.CLOSE, 8080, 443)).isEqualTo(SocketState.CLOSE);
        assertThat(NativeTcpStates.refine(SocketState.LISTEN, 8080, 0)).isEqualTo(SocketState.LISTEN);
    }

    @Test
    void udpIsConnectedExactlyWhenItHasAPeer() {
        assertThat(NativeTcpStates.udp(0)).isEqualTo(SocketState.CLOSE);
        assertThat(NativeTcpStates.udp(53)).isEqualTo(SocketState.ESTABLISHED);
    }
}
