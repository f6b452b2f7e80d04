package dev.portscope.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

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

    /**
     * The address a socket of this family holds, as an address of its own: on IPv6, an IPv4 address
     * (Java's form of {@code ::ffff:a.b.c.d}) becomes the {@link Inet6Address} {@code ::ffff:a.b.c.d},
     * spelled so by {@link AddressText#of(InetAddress)}; a wildcard becomes {@code ::}, as
     * {@link AddressText#of(InetAddress, IpFamily)} writes it.
     */
    public InetAddress holding(InetAddress address) {
        if (this == IPV4 || !(address instanceof Inet4Address)) {
            return address;
        }
        byte[] bytes = new byte[16];
        if (!address.isAnyLocalAddress()) {
            bytes[10] = (byte) 0xff;
            bytes[11] = (byte) 0xff;
            System.arraycopy(address.getAddress(), 0, bytes, 12, 4);
        }
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes were refused", e);
        }
    }
}
