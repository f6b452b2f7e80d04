package dev.portscope.analysis.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * How long probing may take. Every bound is a deadline for wall-clock time, not a limit per read: a
 * server that trickles a byte every 0.3 s, or never stops greeting, cannot stretch a probe (any local
 * user can open a listener that root's {@code audit --probe} will visit).
 *
 * @param perWait the longest wait for one connect or one reply ({@code --timeout}, {@code --probe-timeout})
 * @param perPort the deadline of everything done to one port: its connects, writes, reads and TLS handshake
 * @param total   the deadline of all the probes of one command; a port not finished by then is reported as timed out
 */
public record ProbeBounds(Duration perWait, Duration perPort, Duration total) {

    /**
     * Waits one port may need: the banner, the TLS handshake, HTTP, then the DNS query for a server
     * that is silent to all of them (see {@link ProtocolProber}); one more for a slow machine.
     */
    static final int WAITS_PER_PORT = 5;
    /** Room for a few rounds of ports at the default wait, and well inside a monitoring check's usual 60 s. */
    static final Duration TOTAL_AT_LEAST = Duration.ofSeconds(30);

    public ProbeBounds {
        Objects.requireNonNull(perWait, "perWait");
        Objects.requireNonNull(perPort, "perPort");
        Objects.requireNonNull(total, "total");
        if (perWait.isNegative() || perWait.isZero() || perPort.compareTo(perWait) < 0 || total.compareTo(perPort) < 0) {
            throw new IllegalArgumentException("probe bounds must grow: wait " + perWait + ", per port " + perPort + ", total " + total);
        }
    }

    /**
     * The bounds of a wait: {@value #WAITS_PER_PORT} waits per port, and for all ports 30 s or two
     * ports' worth, whichever is longer. With the default wait of 1 s: 5 s per port, 30 s in all.
     */
    public static ProbeBounds of(Duration wait) {
        Duration perPort = wait.multipliedBy(WAITS_PER_PORT);
        Duration twoPorts = perPort.multipliedBy(2);
        return new ProbeBounds(wait, perPort, twoPorts.compareTo(TOTAL_AT_LEAST) > 0 ? twoPorts : TOTAL_AT_LEAST);
    }

    /** {@code 5000 ms per port, 30000 ms in all}: for messages. */
    public String describe() {
        return perPort.toMillis() + " ms per port, " + total.toMillis() + " ms in all";
    }
}
