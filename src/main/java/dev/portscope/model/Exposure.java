package dev.portscope.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * How far a listening socket can be reached from, judged from its bind address and the interface it
 * is bound to ({@code SO_BINDTODEVICE}). IPv4-mapped IPv6 addresses are judged as the IPv4 address
 * they carry. Ordered from the narrowest to the widest.
 */
public enum Exposure {
    /** 127.0.0.0/8 or ::1: this machine only. */
    LOOPBACK("loopback"),
    /** 169.254.0.0/16 or fe80::/10: the local link only. */
    LINK_LOCAL("link-local"),
    /** RFC 1918, 100.64.0.0/10 (CGNAT) or fc00::/7 (unique local): one private network. */
    PRIVATE("private"),
    /** Any other specific address: reachable wherever that address routes. */
    PUBLIC("public"),
    /** A wildcard bound to one interface other than loopback: whatever reaches that interface. */
    ONE_INTERFACE("one interface"),
    /** 0.0.0.0 or ::: every interface of the machine, present and future. */
    ALL_INTERFACES("all interfaces");

    private final String label;

    Exposure(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The exposure of a socket's local end: a socket bound to the loopback interface reaches this machine only, whatever its address. */
    public static Exposure of(Endpoint local) {
        NetInterface device = local.device();
        if (device != null && device.loopback()) {
            return LOOPBACK;
        }
        if (device != null && local.isWildcard()) {
            return ONE_INTERFACE;
        }
        return of(local.address());
    }

    /** {@link #label()} of {@link #of(Endpoint)}, naming the interface: {@code one interface (eth0)}. */
    public static String label(Endpoint local) {
        Exposure e = of(local);
        return e == ONE_INTERFACE ? e.label + " (" + local.device().text() + ")" : e.label;
    }

    /** The exposure of a bind address alone, bound to no interface. */
    public static Exposure of(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return ALL_INTERFACES;
        }
        if (address.isLoopbackAddress()) {
            return LOOPBACK;
        }
        if (address.isLinkLocalAddress()) {
            return LINK_LOCAL;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            boolean cgnat = first == 100 && second >= 64 && second < 128;
            return address.isSiteLocalAddress() || cgnat ? PRIVATE : PUBLIC;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            // fec0::/10 (site-local) is deprecated by RFC 3879 but still private when met.
            return uniqueLocal || address.isSiteLocalAddress() ? PRIVATE : PUBLIC;
        }
        return PUBLIC;
    }
}
