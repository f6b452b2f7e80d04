package dev.portscope.render;

import dev.portscope.analysis.close.ClosePlan;
import dev.portscope.analysis.close.Connection;
import dev.portscope.analysis.close.LeftOut;
import dev.portscope.model.AddressText;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.platform.SocketCloser.Outcome;
import dev.portscope.platform.SocketCloser.Result;
import java.io.PrintWriter;
import java.util.List;

/** The plan of {@code portscope close}, and what came of it, for people. */
public final class CloseText {

    private CloseText() {}

    /**
     * The connections to close, as the connection listing shows them (state, both ends, queues,
     * processes, users), then what the filter selected that is left alone, and why.
     *
     * @param width the terminal's width, 0 when not writing to one
     */
    public static void plan(PrintWriter out, ClosePlan plan, ListingHeader header, ListingContext context, TerminalStyle style,
            int width) {
        if (plan.targets().isEmpty()) {
            out.println("No connection to close.");
        } else {
            out.println("Will close " + what(plan.targets()) + ":");
            TableWriter table = new TableWriter(out, context, true, style, width);
            table.begin(header);
            for (Connection c : plan.targets()) {
                table.row(new ListingRow(c.socket(), c.owners()));
            }
            table.end(List.of(), false);
        }
        for (LeftOut reason : LeftOut.values()) {
            int n = plan.leftOut(reason);
            if (n > 0) {
                out.println("Left out " + leftOut(reason, n));
            }
        }
        out.flush();
    }

    static String leftOut(LeftOut reason, int n) {
        return switch (reason) {
            case LISTENER -> n + (n == 1 ? " listener" : " listeners") + ": --listeners closes listeners too.";
            case TIME_WAIT -> n + (n == 1 ? " connection" : " connections") + " in TIME-WAIT: closed by their applications"
                    + " already; the kernel lets them go by itself within a minute.";
            case NOT_CONNECTED -> n + (n == 1 ? " socket" : " sockets") + " bound but not connected: no connection to close.";
            case UDP -> n + (n == 1 ? " UDP socket" : " UDP sockets") + ": close acts on TCP connections only"
                    + " (UDP has no connection to close).";
            case UNKNOWN_STATE -> n + (n == 1 ? " socket" : " sockets") + " in a state this version of portscope does not know.";
        };
    }

    /** One line per connection, as the kernel answered for it. */
    public static void outcomes(PrintWriter out, List<Result> results) {
        for (Result r : results) {
            out.println("  " + connection(r.socket()) + "  " + ForeignText.visible(describe(r)));
        }
        long done = results.stream().filter(r -> r.outcome().done()).count();
        long gone = results.stream().filter(r -> r.outcome() == Outcome.GONE).count();
        long closed = done - gone;
        boolean listeners = results.stream().anyMatch(r -> r.socket().state() == SocketState.LISTEN);
        String summary = "Closed " + closed + " of " + results.size()
                + (listeners ? plural(results.size(), " socket") : plural(results.size(), " connection"));
        if (gone > 0) {
            summary += "; " + gone + " had already ended";
        }
        if (done < results.size()) {
            summary += "; " + (results.size() - done) + " still open";
        }
        out.println(summary + ".");
        out.flush();
    }

    /** {@code 2 connections}, {@code 1 listener and 3 connections}. */
    static String what(List<Connection> targets) {
        long listeners = targets.stream().filter(c -> c.socket().state() == SocketState.LISTEN).count();
        long connections = targets.size() - listeners;
        if (listeners == 0) {
            return connections + plural(connections, " connection");
        }
        return listeners + plural(listeners, " listener") + (connections == 0 ? "" : " and " + connections + plural(connections, " connection"));
    }

    private static String plural(long n, String noun) {
        return n == 1 ? noun : noun + "s";
    }

    /** {@code closed}, or what kept it open: {@code not closed: EPERM (...): ...}. */
    public static String describe(Result r) {
        return switch (r.outcome()) {
            case CLOSED -> "closed";
            case GONE -> "already gone: " + r.detail();
            case NOT_TRIED -> "not tried (the same would happen)";
            case NOT_PERMITTED, UNSUPPORTED, FAILED -> "not closed: " + r.detail();
        };
    }

    /** {@code tcp 127.0.0.1:41234 -> 127.0.0.1:8080}. */
    public static String connection(Socket s) {
        return s.protocol().label() + " " + AddressText.local(s) + " -> " + AddressText.endpoint(s.remote(), s.family());
    }
}
