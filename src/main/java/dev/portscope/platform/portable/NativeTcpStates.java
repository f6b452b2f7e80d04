package dev.portscope.platform.portable;

import dev.portscope.model.SocketState;
import oshi.software.os.InternetProtocolStats.TcpState;

/**
 * The TCP state codes of each system, mapped onto {@link SocketState}: the tables are the
 * specification, and OSHI's {@link TcpState} (which the backend receives: OSHI does not hand over
 * the codes) is mapped so that every code reaches the same state through OSHI as through its table
 * ({@code NativeTcpStatesTest} checks each code). A code a table does not know is
 * {@link SocketState#UNKNOWN}, never another state.
 */
public final class NativeTcpStates {

    private NativeTcpStates() {}

    /**
     * Windows' {@code MIB_TCP_STATE} ({@code tcpmib.h}), as {@code GetExtendedTcpTable} reports it, and
     * {@code 100}, the {@code Bound} state of {@code MSFT_NetTCPConnection} ({@code Get-NetTCPConnection}).
     * {@code MIB_TCP_STATE_DELETE_TCB} (12) is a connection whose control block is being deleted: it
     * is closed, as {@code MIB_TCP_STATE_CLOSED} (1) is.
     */
    public static SocketState windowsMib(int code) {
        return switch (code) {
            case 1, 12 -> SocketState.CLOSE; // CLOSED, DELETE_TCB
            case 2 -> SocketState.LISTEN;
            case 3 -> SocketState.SYN_SENT;
            case 4 -> SocketState.SYN_RECV; // SYN_RCVD
            case 5 -> SocketState.ESTABLISHED;
            case 6 -> SocketState.FIN_WAIT1;
            case 7 -> SocketState.FIN_WAIT2;
            case 8 -> SocketState.CLOSE_WAIT;
            case 9 -> SocketState.CLOSING;
            case 10 -> SocketState.LAST_ACK;
            case 11 -> SocketState.TIME_WAIT;
            case 100 -> SocketState.BOUND_INACTIVE; // MSFT_NetTCPConnection State "Bound"
            default -> SocketState.UNKNOWN;
        };
    }

    /**
     * The BSD states of macOS ({@code TCPS_*} in {@code netinet/tcp_fsm.h}), as {@code proc_pidfdinfo}'s
     * {@code tcpsi_state} reports them. {@code TCPS_CLOSED} (0) is also a socket bound but neither
     * listening nor connected: {@link #refine} tells the two apart.
     */
    public static SocketState bsd(int code) {
        return switch (code) {
            case 0 -> SocketState.CLOSE; // TCPS_CLOSED
            case 1 -> SocketState.LISTEN;
            case 2 -> SocketState.SYN_SENT;
            case 3 -> SocketState.SYN_RECV; // TCPS_SYN_RECEIVED
            case 4 -> SocketState.ESTABLISHED;
            case 5 -> SocketState.CLOSE_WAIT;
            case 6 -> SocketState.FIN_WAIT1;
            case 7 -> SocketState.CLOSING;
            case 8 -> SocketState.LAST_ACK;
            case 9 -> SocketState.FIN_WAIT2;
            case 10 -> SocketState.TIME_WAIT;
            default -> SocketState.UNKNOWN;
        };
    }

    /**
     * OSHI's state of a TCP socket. {@link TcpState#NONE} is what OSHI gives UDP sockets; on a TCP
     * socket it means nothing known.
     */
    public static SocketState oshi(TcpState state) {
        if (state == null) {
            return SocketState.UNKNOWN;
        }
        return switch (state) {
            case CLOSED -> SocketState.CLOSE;
            case LISTEN -> SocketState.LISTEN;
            case SYN_SENT -> SocketState.SYN_SENT;
            case SYN_RECV -> SocketState.SYN_RECV;
            case ESTABLISHED -> SocketState.ESTABLISHED;
            case FIN_WAIT_1 -> SocketState.FIN_WAIT1;
            case FIN_WAIT_2 -> SocketState.FIN_WAIT2;
            case CLOSE_WAIT -> SocketState.CLOSE_WAIT;
            case CLOSING -> SocketState.CLOSING;
            case LAST_ACK -> SocketState.LAST_ACK;
            case TIME_WAIT -> SocketState.TIME_WAIT;
            case UNKNOWN, NONE -> SocketState.UNKNOWN;
        };
    }

    /**
     * A closed TCP socket that has a local port and no peer is bound but neither listening nor
     * connected: what Linux reports as {@link SocketState#BOUND_INACTIVE} (BSD and Windows call it
     * closed), which {@code why} names as a blocker.
     */
    public static SocketState refine(SocketState state, int localPort, int remotePort) {
        return state == SocketState.CLOSE && localPort != 0 && remotePort == 0 ? SocketState.BOUND_INACTIVE : state;
    }

    /**
     * A UDP socket's state: connected ({@link SocketState#ESTABLISHED}) when it has a peer, bound and
     * receiving from anyone ({@link SocketState#CLOSE}, {@code UNCONN}) otherwise. Windows' UDP tables
     * carry no peer, so every UDP socket there reads as unconnected (its capability table says so).
     */
    public static SocketState udp(int remotePort) {
        return remotePort != 0 ? SocketState.ESTABLISHED : SocketState.CLOSE;
    }
}
