package dev.portscope.analysis.probe;

import dev.portscope.query.IpLiteral;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Hosts as users name them ({@code db1}, {@code 10.0.0.5}, {@code [::1]}), resolved once, in bounded time. */
public final class HostNames {

    /** The resolver's own retries can take half a minute; a scan's target must answer sooner. */
    public static final Duration RESOLVE_LIMIT = Duration.ofSeconds(10);

    private HostNames() {}

    /** A host and a port: {@code db1:5432}, {@code 10.0.0.5:22}, {@code [::1]:22}. */
    public record HostPort(String host, int port) {}

    /**
     * Splits {@code HOST:PORT}. Pure.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static HostPort splitHostPort(String text) {
        String t = text.strip();
        dev.portscope.query.BracketCheck.check(t, text);
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, not '" + text + "' (IPv6 as [::1]:22)");
        }
        String host = t.substring(0, colon);
        if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) {
            throw new IllegalArgumentException("an IPv6 address needs brackets: '[" + host + "]:" + t.substring(colon + 1) + "', not '" + text + "'");
        }
        String digits = t.substring(colon + 1);
        if (digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65_535) {
            throw new IllegalArgumentException("bad port '" + digits + "' in '" + text + "' (1-65535)");
        }
        return new HostPort(host, Integer.parseInt(digits));
    }

    /**
     * The first address of {@code host}. What looks like an address ({@code [::1]}, {@code 10.0.0.5},
     * but also {@code 12345} or {@code 127.1}) must be one as {@link IpLiteral} reads it and needs no
     * resolver, which would take {@code inet_aton}'s forms; anything else is a name.
     *
     * @throws IllegalArgumentException when the name does not resolve within {@link #RESOLVE_LIMIT}
     */
    public static InetAddress resolve(String host) {
        if (IpLiteral.looksLikeAddress(host)) {
            return IpLiteral.parse(host);
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isEmpty() || !h.matches("[A-Za-z0-9._-]+") || h.startsWith("-")) {
            throw new IllegalArgumentException("not a host name or address: '" + host + "'");
        }
        FutureTask<InetAddress> lookup = new FutureTask<>(() -> InetAddress.getByName(h));
        Thread.ofVirtual().name("resolve " + h).start(lookup);
        try {
            return lookup.get(RESOLVE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException) {
                throw new IllegalArgumentException("cannot resolve host '" + host + "'");
            }
            throw new IllegalArgumentException("cannot resolve host '" + host + "': " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new IllegalArgumentException("cannot resolve host '" + host + "': no answer within " + RESOLVE_LIMIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("cannot resolve host '" + host + "': interrupted");
        }
    }
}
