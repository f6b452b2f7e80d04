package dev.portscope.platform.linux;

import dev.portscope.model.SocketState;

/**
 * The kernel's state numbers ({@code include/net/tcp_states.h}), shared by {@code /proc/net/*} and
 * {@code sock_diag}: the one place they become model states.
 */
public final class KernelSocketStates {

    private KernelSocketStates() {}

    public static SocketState toModel(int code) {
        return switch (code) {
            case 1 -> SocketState.ESTABLISHED;
            case 2 -> SocketState.SYN_SENT;
            case 3 -> SocketState.SYN_RECV;
            case 4 -> SocketState.FIN_WAIT1;
            case 5 -> SocketState.FIN_WAIT2;
            case 6 -> SocketState.TIME_WAIT;
            case 7 -> SocketState.CLOSE;
            case 8 -> SocketState.CLOSE_WAIT;
            case 9 -> SocketState.LAST_ACK;
            case 10 -> SocketState.LISTEN;
            case 11 -> SocketState.CLOSING;
            case 12 -> SocketState.NEW_SYN_RECV;
            case 13 -> SocketState.BOUND_INACTIVE;
            default -> SocketState.UNKNOWN;
        };
    }

    /** The kernel code of a state, or -1 for {@link SocketState#UNKNOWN}. */
    public static int toKernel(SocketState state) {
        return state == SocketState.UNKNOWN ? -1 : state.ordinal() + 1;
    }
}
