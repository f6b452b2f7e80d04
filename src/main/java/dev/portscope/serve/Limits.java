package dev.portscope.serve;

import java.time.Duration;

/**
 * How much the server gives its clients, so that none can hold up the others: each connection has
 * its own (virtual) thread, and these bounds on how many, how long and how large.
 *
 * @param maxClients     connections served at once; one more is answered 503 and closed
 * @param maxStreams     event streams ({@code /api/v1/events}) open at once, within {@code maxClients}
 * @param requestTimeout from accepting a connection (and its TLS handshake) to having its request head
 * @param writeTimeout   for writing an answer, or one event of a stream, to a client that stopped reading
 * @param maxHeadBytes   the request line and headers together
 */
public record Limits(int maxClients, int maxStreams, Duration requestTimeout, Duration writeTimeout, int maxHeadBytes) {

    public static final Limits DEFAULT = new Limits(64, 16, Duration.ofSeconds(10), Duration.ofSeconds(30), 16 * 1024);

    public Limits {
        if (maxClients < 1 || maxStreams < 0 || maxStreams > maxClients) {
            throw new IllegalArgumentException("need at least one client, and no more streams than clients");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public Limits withMaxClients(int clients) {
        return new Limits(clients, Math.min(maxStreams, clients), requestTimeout, writeTimeout, maxHeadBytes);
    }

    public Limits withRequestTimeout(Duration timeout) {
        return new Limits(maxClients, maxStreams, timeout, writeTimeout, maxHeadBytes);
    }
}
