package dev.portscope.engine;

import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.time.Instant;

/**
 * One difference between two refreshes, as a value: {@code top} colours rows by it, {@code events}
 * prints it, a server streams it.
 */
public sealed interface Change {

    /** When the refresh that found the change was taken. */
    Instant time();

    /** The socket as last seen: after the change, or for a closed one, before it went. */
    Sighting sighting();

    default Socket socket() {
        return sighting().socket();
    }

    /** A socket that was not there at the previous refresh. */
    record Opened(Instant time, Sighting sighting) implements Change {}

    /**
     * A socket that is gone.
     *
     * @param end how it ended, as far as can be told
     */
    record Closed(Instant time, Sighting sighting, End end) implements Change {}

    /** The same socket in another state (ESTABLISHED to CLOSE_WAIT, a listener that stopped listening). */
    record StateChanged(Instant time, Sighting sighting, SocketState before) implements Change {}

    /** The same socket held by other processes (a fork, an exit, a descriptor passed on). */
    record OwnerChanged(Instant time, Sighting sighting, Sighting before) implements Change {}

    /**
     * A queue crossed its threshold, upwards ({@code above}) or back down.
     *
     * @param bytes the queue's length now (for a listener's receive queue: connections waiting)
     */
    record QueueCrossed(Instant time, Sighting sighting, Queue queue, long threshold, long bytes, boolean above)
            implements Change {}

    /** Which queue. */
    enum Queue {
        RECEIVE,
        SEND
    }

    /** How a connection ended. */
    enum End {
        /** Through the FIN states (TIME_WAIT, CLOSE_WAIT, LAST_ACK...), or a socket that was never a connection. */
        ORDERLY,
        /**
         * Reset, or gone from ESTABLISHED or a handshake state without passing through the FIN
         * states while the kernel counted resets or aborts.
         */
        ABRUPT
    }
}
