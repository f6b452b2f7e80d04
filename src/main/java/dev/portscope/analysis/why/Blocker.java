package dev.portscope.analysis.why;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import java.util.List;
import java.util.Objects;

/**
 * One reason the bind fails, with its evidence.
 *
 * @param kind       what kind of blocker
 * @param sockets    the sockets in the way (empty for settings: privileged port, address)
 * @param owners     the processes holding them
 * @param explanation one sentence: why this socket or setting stops the bind
 * @param liftedBy   the socket option that would let the bind through when the holders set it too
 *                   ({@code SO_REUSEADDR}, {@code SO_REUSEPORT}), null when none would
 * @param certain    false when it blocks only if the holder did not set {@code liftedBy}, which
 *                   the kernel does not report
 */
public record Blocker(BlockerKind kind, List<Socket> sockets, List<ProcessInfo> owners, String explanation, String liftedBy, boolean certain) {

    public Blocker {
        Objects.requireNonNull(kind, "kind");
        sockets = List.copyOf(sockets);
        owners = List.copyOf(owners);
        Objects.requireNonNull(explanation, "explanation");
    }
}
