package dev.portscope.model;

/**
 * Address family of a socket. Kept on the socket itself, not derived from its address: Java turns
 * IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) into {@link java.net.Inet4Address}, yet such a
 * socket is an IPv6 socket.
 */
public enum IpFamily {
    IPV4,
    IPV6;

    public String label() {
        return this == IPV4 ? "ipv4" : "ipv6";
    }
}
