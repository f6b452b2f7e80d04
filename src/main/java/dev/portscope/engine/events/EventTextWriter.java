package dev.portscope.engine.events;

import dev.portscope.engine.Change;
import dev.portscope.model.AddressText;
import dev.portscope.model.Endpoint;
import dev.portscope.model.NamespaceIndex;
import dev.portscope.model.NetNamespace;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import dev.portscope.render.ForeignText;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * One line per change, for a person watching or for {@code grep}:
 * {@code 14:05:01.123  connection-closed  tcp  127.0.0.1:5000  127.0.0.1:40001  ESTAB  python3[812] root  abrupt}.
 * Names other processes chose are escaped ({@link ForeignText}).
 */
public final class EventTextWriter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final IntFunction<String> userNames;

    public EventTextWriter(PrintWriter out, IntFunction<String> userNames) {
        this.out = out;
        this.userNames = userNames;
    }

    public void write(Change change) {
        write(change, NamespaceIndex.NONE);
    }

    /** As {@link #write(Change)}, naming the socket's namespace (and container) when several are watched ({@code -A}). */
    public void write(Change change, NamespaceIndex namespaces) {
        Socket s = change.socket();
        StringBuilder line = new StringBuilder(160);
        line.append(TIME.format(change.time())).append("  ")
                .append(String.format("%-17s", EventKind.of(change).label())).append("  ")
                .append(s.protocol().label()).append("  ")
                .append(endpoint(s.local(), s)).append("  ")
                .append(endpoint(s.remote(), s)).append("  ")
                .append(s.state().displayName(s.protocol())).append("  ")
                .append(owners(change.sighting().owners(), change.sighting().ownersInferred(), s));
        if (namespaces.multiple()) {
            NetNamespace ns = namespaces.of(s);
            line.append("  namespace ").append(ns != null ? ForeignText.visible(ns.label())
                    : s.linux() == null ? "?" : Long.toString(s.linux().netns()));
            if (ns != null && ns.container() != null) {
                line.append(", container ").append(ForeignText.visible(ns.container().label()));
            }
        }
        String detail = detail(change);
        if (!detail.isEmpty()) {
            line.append("  ").append(detail);
        }
        out.println(line);
        out.flush();
    }

    private static String endpoint(Endpoint endpoint, Socket s) {
        return AddressText.of(endpoint.address(), s.family()).contains(":")
                ? "[" + AddressText.of(endpoint.address(), s.family()) + "]:" + port(endpoint)
                : AddressText.of(endpoint.address(), s.family()) + ":" + port(endpoint);
    }

    private static String port(Endpoint endpoint) {
        return endpoint.port() == 0 ? "*" : Integer.toString(endpoint.port());
    }

    private String owners(List<ProcessInfo> owners, boolean inferred, Socket s) {
        if (owners.isEmpty()) {
            return "-" + (s.uidKnown() ? " " + ForeignText.visible(userNames.apply(s.uid())) : "");
        }
        String names = owners.stream().map(p -> ForeignText.visible(p.name()) + "[" + p.pid() + "]").collect(Collectors.joining(","));
        return names + " " + ForeignText.visible(owners.getFirst().user()) + (inferred ? " (by its listener)" : "");
    }

    private static String detail(Change change) {
        return switch (change) {
            case Change.Opened o -> "";
            case Change.Closed c -> c.socket().isListening() ? "" : c.end().name().toLowerCase(java.util.Locale.ROOT);
            case Change.StateChanged s -> "was " + s.before().displayName(s.socket().protocol());
            case Change.OwnerChanged o -> "was " + (o.before().pids().isEmpty() ? "-" : o.before().pids().stream()
                    .map(String::valueOf).collect(Collectors.joining(",")));
            case Change.QueueCrossed q -> (q.queue() == Change.Queue.RECEIVE ? "recv-q " : "send-q ") + q.bytes()
                    + (q.above() ? " >= " : " < ") + q.threshold();
        };
    }
}
