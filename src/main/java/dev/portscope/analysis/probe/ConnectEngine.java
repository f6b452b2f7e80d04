package dev.portscope.analysis.probe;

import java.net.InetSocketAddress;

/**
 * How {@link ScanLane} drives non-blocking connects: open a socket and start its connect, wait for
 * those in flight, give up on one. The lane owns everything else (pacing, concurrency, timeouts,
 * progress, results), so the engines differ only in their system calls: NIO channels
 * ({@link NioConnectEngine}, everywhere) or the platform's {@link dev.portscope.platform.ConnectCalls}
 * ({@link SyscallConnectEngine}). A connect in flight is known by the id the lane gave it. One
 * engine per lane: not thread-safe.
 */
interface ConnectEngine extends AutoCloseable {

    /** What the kernel said of a connect. */
    record Answer(PortStatus status, String detail) {}

    /** Receives the connects answered while waiting. */
    @FunctionalInterface
    interface Answered {
        void accept(int id, Answer answer);
    }

    /**
     * Opens a socket and starts connecting it to {@code target}; closes it once answered.
     *
     * @return the answer when the kernel gave it at once (on loopback it mostly does), null when the
     *         connect is in flight under {@code id}
     */
    Answer start(int id, InetSocketAddress target);

    /** Waits at most {@code millis} (0: not at all) for connects in flight; hands each one answered to {@code answered}. */
    void await(long millis, Answered answered);

    /** Gives up on the connect in flight under {@code id} (its timeout passed) and closes its socket. */
    void abandon(int id);

    /** Closes every socket still in flight and what the engine holds. */
    @Override
    void close();
}
