package dev.portscope.engine;

import dev.portscope.model.Socket;

/**
 * When a queue is worth a {@link Change.QueueCrossed}: a connection's bytes waiting to be read or
 * acknowledged, a listener's connections waiting to be accepted.
 *
 * @param dataBytes      a connection's receive or send queue at or above this many bytes
 * @param acceptPercent  a listener's accept queue at or above this share of its backlog
 */
public record QueueThresholds(long dataBytes, int acceptPercent) {

    /** 1 MiB unread or unacknowledged (an application that stopped reading, a peer that stopped
     *  acknowledging), or a listener half full (its process no longer keeps up with accepting). */
    public static final QueueThresholds DEFAULT = new QueueThresholds(1 << 20, 50);

    public QueueThresholds {
        if (dataBytes < 1) {
            throw new IllegalArgumentException("queue threshold must be at least 1 byte");
        }
        if (acceptPercent < 1 || acceptPercent > 100) {
            throw new IllegalArgumentException("accept-queue threshold must be 1 to 100 percent");
        }
    }

    /** The receive queue's threshold for this socket; {@code Long.MAX_VALUE} when it has none (a listener of unknown backlog). */
    long receive(Socket socket) {
        if (socket.protocol() == dev.portscope.model.Protocol.TCP && socket.isListening()) {
            long backlog = socket.sendQueue();
            return backlog <= 0 ? Long.MAX_VALUE : Math.max(1, (backlog * acceptPercent + 99) / 100);
        }
        return dataBytes;
    }

    /** The send queue's threshold; a listener's send queue is its backlog, never a queue. */
    long send(Socket socket) {
        return socket.isListening() ? Long.MAX_VALUE : dataBytes;
    }
}
