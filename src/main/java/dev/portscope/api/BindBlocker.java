package dev.portscope.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One reason a bind fails, with its evidence.
 *
 * {@snippet :
 * for (BindBlocker b : scope.why(8080).blockers()) {
 *     System.out.println(b.kind() + ": " + b.explanation());
 * }
 * }
 *
 * @param kind        what stands in the way, as the JSON output of {@code portscope why} names it:
 *                    {@code listener}, {@code dual-stack-listener}, {@code bound-not-listening},
 *                    {@code udp-socket}, {@code connection}, {@code ephemeral-client}, {@code time-wait},
 *                    {@code privileged-port}, {@code address-not-local}
 * @param explanation one sentence: why this socket or setting stops the bind
 * @param sockets     the sockets in the way, with their owners; empty for a setting
 * @param liftedBy    the socket option that would let the bind through if the holders set it too
 *                    ({@code SO_REUSEADDR}, {@code SO_REUSEPORT})
 * @param certain     false when it blocks only if the holders did not set {@code liftedBy}, which the
 *                    kernel does not report
 */
public record BindBlocker(String kind, String explanation, List<SocketEntry> sockets, Optional<String> liftedBy, boolean certain) {

    public BindBlocker {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(explanation, "explanation");
        sockets = List.copyOf(sockets);
        Objects.requireNonNull(liftedBy, "liftedBy");
    }
}
