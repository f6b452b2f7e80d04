package dev.portscope.analysis.close;

import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which of the sockets a filter selected {@code close} acts on: TCP connections in every
 * state that has one to close (from SYN-SENT to LAST-ACK, requests not yet accepted included), and
 * listeners only when asked for. Pure.
 */
public final class ClosePlanner {

    private ClosePlanner() {}

    /**
     * @param selected  the sockets the filter selected, with their owners, in the order to close them
     * @param listeners whether listeners are closed too ({@code --listeners})
     */
    public static ClosePlan plan(List<Connection> selected, boolean listeners) {
        List<Connection> targets = new ArrayList<>();
        Map<LeftOut, Integer> leftOut = new EnumMap<>(LeftOut.class);
        for (Connection c : selected) {
            LeftOut reason = reason(c.socket(), listeners);
            if (reason == null) {
                targets.add(c);
            } else {
                leftOut.merge(reason, 1, Integer::sum);
            }
        }
        return new ClosePlan(targets, leftOut);
    }

    /** Why a socket is left alone, or null when it is to be closed. */
    static LeftOut reason(Socket socket, boolean listeners) {
        if (socket.protocol() != Protocol.TCP) {
            return LeftOut.UDP;
        }
        return switch (socket.state()) {
            case LISTEN -> listeners ? null : LeftOut.LISTENER;
            case TIME_WAIT -> LeftOut.TIME_WAIT;
            case CLOSE, BOUND_INACTIVE -> LeftOut.NOT_CONNECTED;
            case UNKNOWN -> LeftOut.UNKNOWN_STATE;
            case ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, LAST_ACK, CLOSING, NEW_SYN_RECV -> null;
        };
    }
}
