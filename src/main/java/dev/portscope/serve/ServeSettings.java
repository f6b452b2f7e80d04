package dev.portscope.serve;

import dev.portscope.analysis.audit.Policy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How {@code portscope serve} serves.
 *
 * @param listen       where: loopback unless a token is given
 * @param token        the bearer token clients must send; required beyond loopback
 * @param tls          TLS, or null for plain HTTP
 * @param policy       the audit's policy ({@code --policy})
 * @param cacheFor     how long one collection serves every scrape and API call
 * @param eventEvery   how often event streams get a collection
 * @param historyKept  how far back the page's chart goes
 * @param limits       clients, streams, timeouts
 * @param maxSeries    the cap on series that grow with the machine
 * @param generator    the program's name and version, for documents and {@code portscope_build_info}
 */
public record ServeSettings(
        InetSocketAddress listen,
        Optional<BearerToken> token,
        SSLContext tls,
        Optional<Policy> policy,
        Duration cacheFor,
        Duration eventEvery,
        Duration historyKept,
        Limits limits,
        int maxSeries,
        String generator) {

    public static final int DEFAULT_PORT = 9309;
    public static final int DEFAULT_MAX_SERIES = 10_000;

    public ServeSettings {
        Objects.requireNonNull(listen, "listen");
        if (!listen.getAddress().isLoopbackAddress() && token.isEmpty()) {
            throw new IllegalArgumentException("serving on " + listen.getAddress().getHostAddress()
                    + ", beyond loopback, needs --token-file: anyone who reaches it could read every socket and process of this machine");
        }
        if (maxSeries < 1) {
            throw new IllegalArgumentException("--max-series must be at least 1");
        }
    }

    /** Loopback, no token, no TLS, no policy: the defaults of {@code portscope serve}. */
    public static ServeSettings loopback(int port, String generator) {
        return new ServeSettings(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), Optional.empty(), null,
                Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(10), Limits.DEFAULT,
                DEFAULT_MAX_SERIES, generator);
    }

    public ServeSettings withListen(InetSocketAddress address, Optional<BearerToken> bearer) {
        return new ServeSettings(address, bearer, tls, policy, cacheFor, eventEvery, historyKept, limits, maxSeries, generator);
    }

    public ServeSettings withTls(SSLContext context) {
        return new ServeSettings(listen, token, context, policy, cacheFor, eventEvery, historyKept, limits, maxSeries, generator);
    }

    public ServeSettings withPolicy(Optional<Policy> rules) {
        return new ServeSettings(listen, token, tls, rules, cacheFor, eventEvery, historyKept, limits, maxSeries, generator);
    }

    public ServeSettings withLimits(Limits bounds) {
        return new ServeSettings(listen, token, tls, policy, cacheFor, eventEvery, historyKept, bounds, maxSeries, generator);
    }

    public ServeSettings withMaxSeries(int max) {
        return new ServeSettings(listen, token, tls, policy, cacheFor, eventEvery, historyKept, limits, max, generator);
    }

    public ServeSettings withCacheFor(Duration cache) {
        return new ServeSettings(listen, token, tls, policy, cache, eventEvery, historyKept, limits, maxSeries, generator);
    }
}
