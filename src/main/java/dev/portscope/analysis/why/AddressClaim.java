package dev.portscope.analysis.why;

import dev.portscope.model.IpFamily;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The local addresses a bound socket takes for its port, as the kernel's bind-conflict check sees
 * them ({@code inet_rcv_saddr_equal}): an IPv4 wildcard takes every IPv4 address; an IPv6 wildcard
 * takes every IPv6 address and, unless {@code IPV6_V6ONLY} is set, every IPv4 address too; an IPv6
 * socket bound to an IPv4-mapped address ({@code ::ffff:a.b.c.d}) takes that IPv4 address only.
 *
 * @param allIpv4 every IPv4 address
 * @param ipv4    one IPv4 address, null when none (or all)
 * @param allIpv6 every IPv6 address
 * @param ipv6    one IPv6 address, null when none (or all)
 */
record AddressClaim(boolean allIpv4, InetAddress ipv4, boolean allIpv6, InetAddress ipv6) {

    /**
     * @param family  the socket's family: an IPv6 socket's IPv4-mapped address arrives as an IPv4 address
     * @param v6Only  for an IPv6 socket, whether it refuses IPv4
     */
    static AddressClaim of(IpFamily family, InetAddress address, boolean v6Only) {
        boolean wildcard = address.isAnyLocalAddress();
        if (address instanceof Inet4Address) {
            return wildcard ? new AddressClaim(true, null, false, null) : new AddressClaim(false, address, false, null);
        }
        if (wildcard) {
            return new AddressClaim(!v6Only, null, true, null);
        }
        return new AddressClaim(false, null, false, address);
    }

    boolean overlaps(AddressClaim other) {
        return sideOverlaps(allIpv4, ipv4, other.allIpv4, other.ipv4) || sideOverlaps(allIpv6, ipv6, other.allIpv6, other.ipv6);
    }

    /** Whether this claim reaches IPv4 only because an IPv6 wildcard socket accepts IPv4 as well. */
    boolean takesIpv4AsDualStack(IpFamily family) {
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
