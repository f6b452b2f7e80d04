package dev.portscope.query.filter;

import static dev.portscope.model.SocketState.*;

import dev.portscope.model.SocketState;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The names {@code state}/{@code exclude} take, as ss's {@code scan_state} (misc/ss.c) reads them,
 * ignoring case: the TCP states and the groups of {@code ss --help}. ss calls CLOSE "closed" (also
 * "close" or "unconnected"; an unconnected UDP socket is shown as UNCONN).
 *
 * <p>ss builds some groups as "every state but…" over its 12 state bits; portscope knows a few more
 * states (NEW_SYN_RECV, BOUND_INACTIVE, UNKNOWN), so the groups here are the explicit lists of
 * {@code ss --help}, and only {@code all} takes every state.
 */
final class StateNames {

    private static final Set<SocketState> CONNECTED =
            EnumSet.of(ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, CLOSE_WAIT, LAST_ACK, CLOSING);

    private static final Map<String, Set<SocketState>> NAMES = names();

    private StateNames() {}

    private static Map<String, Set<SocketState>> names() {
        Map<String, Set<SocketState>> names = new LinkedHashMap<>();
        names.put("established", EnumSet.of(ESTABLISHED));
        names.put("syn-sent", EnumSet.of(SYN_SENT));
        names.put("syn-recv", EnumSet.of(SYN_RECV));
        names.put("syn-rcv", EnumSet.of(SYN_RECV));
        names.put("fin-wait-1", EnumSet.of(FIN_WAIT1));
        names.put("fin-wait-2", EnumSet.of(FIN_WAIT2));
        names.put("time-wait", EnumSet.of(TIME_WAIT));
        names.put("closed", EnumSet.of(CLOSE));
        names.put("close", EnumSet.of(CLOSE));
        names.put("unconnected", EnumSet.of(CLOSE));
        names.put("close-wait", EnumSet.of(CLOSE_WAIT));
        names.put("last-ack", EnumSet.of(LAST_ACK));
        names.put("listening", EnumSet.of(LISTEN));
        names.put("closing", EnumSet.of(CLOSING));
        names.put("unknown", EnumSet.of(UNKNOWN));
        names.put("all", EnumSet.allOf(SocketState.class));
        names.put("connected", EnumSet.copyOf(CONNECTED));
        Set<SocketState> synchronizedStates = EnumSet.copyOf(CONNECTED);
        synchronizedStates.remove(SYN_SENT);
        names.put("synchronized", synchronizedStates);
        names.put("bucket", EnumSet.of(SYN_RECV, TIME_WAIT));
        names.put("big", EnumSet.of(ESTABLISHED, SYN_SENT, FIN_WAIT1, FIN_WAIT2, CLOSE, CLOSE_WAIT, LAST_ACK, LISTEN, CLOSING));
        return names;
    }

    /** The states a name stands for, or null when it names none. */
    static Set<SocketState> lookup(String name) {
        Set<SocketState> states = NAMES.get(name.toLowerCase(Locale.ROOT));
        return states == null ? null : EnumSet.copyOf(states);
    }

    /** A short list for error messages. */
    static String choices() {
        return "established, syn-sent, syn-recv, fin-wait-1, fin-wait-2, time-wait, closed, close-wait, last-ack, "
                + "listening, closing, or a group: all, connected, synchronized, bucket, big";
    }

    /** The fewest names that together select exactly {@code states}, for writing a filter back. */
    static java.util.List<String> spell(Set<SocketState> states) {
        java.util.List<String> words = new java.util.ArrayList<>();
        if (states.containsAll(EnumSet.allOf(SocketState.class))) {
            words.add("all");
            return words;
        }
        for (SocketState state : states) {
            words.add(switch (state) {
                case ESTABLISHED -> "established";
                case SYN_SENT -> "syn-sent";
                case SYN_RECV -> "syn-recv";
                case FIN_WAIT1 -> "fin-wait-1";
                case FIN_WAIT2 -> "fin-wait-2";
                case TIME_WAIT -> "time-wait";
                case CLOSE -> "closed";
                case CLOSE_WAIT -> "close-wait";
                case LAST_ACK -> "last-ack";
                case LISTEN -> "listening";
                case CLOSING -> "closing";
                case UNKNOWN -> "unknown";
                case NEW_SYN_RECV, BOUND_INACTIVE -> throw new IllegalArgumentException(
                        "state " + state + " has no name in the filter language; only 'all' selects it");
            });
        }
        return words;
    }
}
