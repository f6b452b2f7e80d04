package dev.portscope.platform;

import java.net.InetSocketAddress;

/**
 * The system calls of a connect scan, for a scanner that drives non-blocking sockets by their
 * descriptors: a refused port is a return value, not an exception as in NIO (whose exceptions
 * cost more than the connect itself on loopback). Implemented per platform; one instance per
 * thread, since it holds native buffers.
 */
public interface ConnectCalls extends AutoCloseable {

    /** Opens a set of connect calls (one per scan lane). */
    @FunctionalInterface
    interface Opener {
        ConnectCalls open();
    }


    /** What the kernel said of a connect. */
    enum Outcome {
        /** Connected: something listens. */
        OPEN,
        /** Not answered yet: wait for the descriptor. */
        IN_PROGRESS,
        /** Refused (a reset): nothing listens. */
        REFUSED,
        /** No route, or an ICMP unreachable: something is in the way. */
        UNREACHABLE,
        /** The connect could not be tried or failed otherwise; see the failure text. */
        FAILED
    }

    /**
     * One step on a socket.
     *
     * @param fd      the socket's descriptor, -1 when none could be opened
     * @param outcome what the kernel said
     * @param failure the system's words for {@link Outcome#FAILED}, empty otherwise
     */
    record Step(int fd, Outcome outcome, String failure) {}

    /** Opens a non-blocking TCP socket of the target's family and starts its connect; settles it at once when the kernel already has. */
    Step start(InetSocketAddress target);

    /** Where a started connect stands now, without waiting. */
    Step check(int fd);

    /**
     * Waits at most {@code millis} for any of {@code fds[0..count)} to finish connecting, and marks
     * those that did in {@code ready}.
     *
     * @return how many are ready
     */
    int await(int[] fds, int count, long millis, boolean[] ready);

    /**
     * Whether a connected socket's own address is {@code target}: on loopback the kernel may pick the
     * target port as the source port, and the socket then connects to itself (TCP simultaneous
     * open, RFC 793 §3.4) although nothing listens.
     */
    boolean connectedToItself(int fd, InetSocketAddress target);

    /** Closes a socket (its descriptor is released even when close reports an error). */
    void close(int fd);

    /** Frees the native buffers. */
    @Override
    void close();
}
