package dev.portscope.model;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The local addresses a socket takes for its port: those it accepts connections and datagrams on
 * (the listener lookup, {@code compute_score} in {@code net/ipv4/inet_hashtables.c} and
 * {@code net/ipv6/inet6_hashtables.c}), which are also those a new bind of the port conflicts on
 * ({@code inet_rcv_saddr_equal}, {@code net/ipv4/inet_connection_sock.c}). The one rule that
 * {@code who}, {@code why} and the probes share:
 * <ul>
 *   <li>an IPv4 wildcard ({@code 0.0.0.0}) takes every IPv4 address;
 *   <li>an IPv6 wildcard ({@code ::}) takes every IPv6 address and, unless {@code IPV6_V6ONLY} is set,
 *       every IPv4 address too;
 *   <li>an IPv6 socket bound to an IPv4-mapped address takes that IPv4 address only, and
 *       {@code ::ffff:0.0.0.0} every IPv4 address and no IPv6 address. Java folds these into
 *       {@link Inet4Address}; on an IPv6 socket an {@code Inet4Address} always means the mapped form,
 *       since {@code ::} stays an {@code Inet6Address};
 *   <li>any other address takes itself.
 * </ul>
 *
 * @param allIpv4 every IPv4 address
 * @param ipv4    one IPv4 address, null when none (or all)
 * @param allIpv6 every IPv6 address
 * @param ipv6    one IPv6 address, null when none (or all)
 */
public record AddressClaim(boolean allIpv4, InetAddress ipv4, boolean allIpv6, InetAddress ipv6) {

    /** A three-valued answer: a socket whose {@code IPV6_V6ONLY} flag was not reported may or may not take IPv4. */
    public enum Answer {
        YES,
        NO,
        /** It depends on the socket's {@code IPV6_V6ONLY} flag, which the source did not report. */
        UNKNOWN
    }

    /**
     * @param family the socket's family: an IPv6 socket's IPv4-mapped address arrives as an IPv4 address
     * @param v6Only for an IPv6 socket, whether it refuses IPv4
     */
    public static AddressClaim of(IpFamily family, InetAddress address, boolean v6Only) {
        boolean wildcard = address.isAnyLocalAddress();
        if (address instanceof Inet4Address) {
            return wildcard ? new AddressClaim(true, null, false, null) : new AddressClaim(false, address, false, null);
        }
        if (wildcard) {
            return new AddressClaim(family == IpFamily.IPV6 && !v6Only, null, true, null);
        }
        return new AddressClaim(false, null, false, address);
    }

    /** A socket's claim on its local address, with {@code v6OnlyWhenUnknown} standing in for an unreported flag. */
    public static AddressClaim of(Socket socket, boolean v6OnlyWhenUnknown) {
        Boolean v6Only = socket.v6Only();
        return of(socket.family(), socket.local().address(), v6Only != null ? v6Only : v6OnlyWhenUnknown);
    }

    /** Whether the socket's claim hangs on an {@code IPV6_V6ONLY} flag that was not reported: an IPv6 wildcard without it. */
    public static boolean v6OnlyDecides(Socket socket) {
        return socket.v6Only() == null && socket.family() == IpFamily.IPV6
                && !(socket.local().address() instanceof Inet4Address) && socket.local().address().isAnyLocalAddress();
    }

    /**
     * Whether the socket takes {@code destination} (a wildcard destination: any address of its family),
     * UNKNOWN when that depends on an unreported {@code IPV6_V6ONLY}.
     */
    public static Answer takes(Socket socket, InetAddress destination) {
        boolean strict = of(socket, true).covers(destination);
        boolean loose = of(socket, false).covers(destination);
        return strict == loose ? (strict ? Answer.YES : Answer.NO) : Answer.UNKNOWN;
    }

    /** Whether an IPv6 socket is bound to an IPv4-mapped address ({@code ::ffff:a.b.c.d}, {@code ::ffff:0.0.0.0} included). */
    public static boolean ipv4Mapped(IpFamily family, InetAddress address) {
        return family == IpFamily.IPV6 && address instanceof Inet4Address;
    }

    /** Whether this claim takes {@code destination}; a wildcard destination stands for any address of its family. */
    public boolean covers(InetAddress destination) {
        if (destination instanceof Inet4Address) {
            return destination.isAnyLocalAddress() ? allIpv4 || ipv4 != null : allIpv4 || destination.equals(ipv4);
        }
        return destination.isAnyLocalAddress() ? allIpv6 || ipv6 != null : allIpv6 || destination.equals(ipv6);
    }

    public boolean overlaps(AddressClaim other) {
        return sideOverlaps(allIpv4, ipv4, other.allIpv4, other.ipv4) || sideOverlaps(allIpv6, ipv6, other.allIpv6, other.ipv6);
    }

    /** Whether this claim reaches IPv4 only because an IPv6 wildcard socket accepts IPv4 as well. */
    public boolean takesIpv4AsDualStack(IpFamily family) {
        return family == IpFamily.IPV6 && allIpv4 && allIpv6;
    }

    private static boolean sideOverlaps(boolean allA, InetAddress a, boolean allB, InetAddress b) {
        boolean anyA = allA || a != null;
        boolean anyB = allB || b != null;
        if (!anyA || !anyB) {
            return false;
        }
        return allA || allB || a.equals(b);
    }
}
