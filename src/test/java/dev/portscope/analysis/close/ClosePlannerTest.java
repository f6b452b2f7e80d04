package dev.portscope.analysis.close;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which selected sockets {@code close} acts on, for every state and both protocols. */
class ClosePlannerTest {

    private static Connection socket(Protocol protocol, SocketState state) {
        Socket s = new Socket(protocol, IpFamily.IPV4, new Endpoint(InetAddress.ofLiteral("127.0.0.1"), 8080),
                new Endpoint(InetAddress.ofLiteral("127.0.0.1"), 40000), state, 0, 1, 0, 0, null, null);
        return new Connection(s, List.of());
    }

    private static final EnumSet<SocketState> CONNECTED = EnumSet.of(SocketState.ESTABLISHED, SocketState.SYN_SENT,
            SocketState.SYN_RECV, SocketState.FIN_WAIT1, SocketState.FIN_WAIT2, SocketState.CLOSE_WAIT, SocketState.LAST_ACK,
            SocketState.CLOSING, SocketState.NEW_SYN_RECV);

    @Test
    void everyTcpStateWithAConnectionIsClosedAndEveryOtherSaysWhyNot() {
        for (SocketState state : SocketState.values()) {
            LeftOut reason = ClosePlanner.reason(socket(Protocol.TCP, state).socket(), false);
            if (CONNECTED.contains(state)) {
                assertThat(reason).as(state.name()).isNull();
            } else {
                assertThat(reason).as(state.name()).isEqualTo(switch (state) {
                    case LISTEN -> LeftOut.LISTENER;
                    case TIME_WAIT -> LeftOut.TIME_WAIT;
                    case CLOSE, BOUND_INACTIVE -> LeftOut.NOT_CONNECTED;
                    default -> LeftOut.UNKNOWN_STATE;
                });
            }
        }
    }

    @Test
    void listenersOnlyWhenAskedFor() {
        Socket listener = socket(Protocol.TCP, SocketState.LISTEN).socket();
        assertThat(ClosePlanner.reason(listener, false)).isEqualTo(LeftOut.LISTENER);
        assertThat(ClosePlanner.reason(listener, true)).isNull();
        assertThat(ClosePlanner.reason(socket(Protocol.TCP, SocketState.TIME_WAIT).socket(), true)).isEqualTo(LeftOut.TIME_WAIT);
    }

    @Test
    void udpIsNeverClosedInAnyState() {
        for (SocketState state : SocketState.values()) {
            assertThat(ClosePlanner.reason(socket(Protocol.UDP, state).socket(), true)).isEqualTo(LeftOut.UDP);
        }
    }

    @Test
    void thePlanKeepsTheKernelsOrderAndCountsWhatItLeavesOut() {
        List<Connection> selected = new ArrayList<>();
        Connection first = socket(Protocol.TCP, SocketState.CLOSE_WAIT);
        Connection second = socket(Protocol.TCP, SocketState.ESTABLISHED);
        selected.add(socket(Protocol.TCP, SocketState.LISTEN));
        selected.add(first);
        selected.add(socket(Protocol.UDP, SocketState.ESTABLISHED));
        selected.add(socket(Protocol.TCP, SocketState.TIME_WAIT));
        selected.add(second);
        selected.add(socket(Protocol.TCP, SocketState.TIME_WAIT));
        ClosePlan plan = ClosePlanner.plan(selected, false);
        assertThat(plan.targets()).containsExactly(first, second);
        assertThat(plan.leftOut(LeftOut.LISTENER)).isEqualTo(1);
        assertThat(plan.leftOut(LeftOut.UDP)).isEqualTo(1);
        assertThat(plan.leftOut(LeftOut.TIME_WAIT)).isEqualTo(2);
        assertThat(plan.leftOut(LeftOut.NOT_CONNECTED)).isZero();
        assertThat(plan.leftOut(LeftOut.UNKNOWN_STATE)).isZero();
    }
}
