package dev.portscope.query.filter;

import dev.portscope.model.AddressText;
import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.query.IpLiteral;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address with a prefix length, as {@code src 10.0.0.0/8} or {@code dst [fe80::]/10} give it. An
 * address without a length is exact ({@code src 0.0.0.0} selects only the wildcard, as in ss); a
 * length of 0 selects every address of every family (ss skips the address check then).
 *
 * <p>Families, as ss's {@code inet2_addr_match}: an IPv4 prefix also selects IPv6 sockets on
 * IPv4-mapped addresses ({@code ::ffff:10.0.0.1}), while an IPv4-mapped IPv6 prefix selects only
 * those mapped sockets.
 *
 * @param address an {@link Inet4Address}, or an {@link Inet6Address} (IPv4-mapped ones stay IPv6)
 * @param length  prefix length, 0 to 32 or 0 to 128
 */
public record IpPrefix(InetAddress address, int length) {

    public IpPrefix {
        int bits = address.getAddress().length * 8;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " out of range 0-" + bits);
        }
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** Whether the endpoint's address lies inside this prefix. */
    public boolean contains(Endpoint endpoint, IpFamily socketFamily) {
        InetAddress candidate = endpoint.address();
        byte[] have = candidate.getAddress();
        if (isIpv6() && candidate instanceof Inet4Address && socketFamily == IpFamily.IPV6) {
            have = mapped(have);
        }
        byte[] want = address.getAddress();
        if (have.length != want.length) {
            return false; // another family: even ::/0 takes no IPv4 socket, as in ss
        }
        int full = length / 8;
        if (!Arrays.equals(have, 0, full, want, 0, full)) {
            return false;
        }
        int rest = length % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (have[full] & mask) == (want[full] & mask);
    }

    /** The prefix as ss reads it back: {@code 10.0.0.0/8}, {@code 10.0.0.1}, {@code fe80::/10} (the pattern adds brackets). */
    public String text() {
        String host = AddressText.of(address);
        int bits = address.getAddress().length * 8;
        return length == bits ? host : host + "/" + length;
    }

    /**
     * Reads {@code ADDR} or {@code ADDR/LEN}, the address as {@link IpLiteral} reads it. Before a length,
     * IPv4 may be shortened as iproute2 writes networks, filling from the left ({@code 10/8} is
     * {@code 10.0.0.0/8}); a shortened address without a length ({@code 127.1}) is refused, as it means
     * 127.1.0.0 to {@code ss} and 127.0.0.1 to {@code inet_aton}. Host names are not looked up.
     */
    static IpPrefix parse(String text, Token token) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = IpLiteral.isIpv6Text(host) ? ipv6(host, token) : ipv4(host, slash >= 0, token);
        int bits = address.getAddress().length * 8;
        int length = bits;
        if (slash >= 0) {
            String len = text.substring(slash + 1);
            if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw token.error("expected a prefix length after '/' in " + token.quoted());
            }
            length = Integer.parseInt(len);
            if (length > bits) {
                throw token.error("prefix length " + length + " in " + token.quoted() + " exceeds " + bits);
            }
        }
        return new IpPrefix(address, length);
    }

    private static InetAddress ipv4(String host, boolean network, Token token) {
        String[] parts = host.split("\\.", -1);
        boolean shortened = parts.length < 4 && java.util.Arrays.stream(parts).allMatch(p -> IpLiteral.decimalByte(p) >= 0);
        if (shortened && network) {
            host = host + ".0".repeat(4 - parts.length);
        }
        try {
            return IpLiteral.parse(host);
        } catch (IllegalArgumentException e) {
            if (shortened) {
                throw token.error(quote(host, token) + " is not an IPv4 address: write its four parts ("
                        + host + ".0".repeat(4 - parts.length) + "), or a network with its length (" + host + "/" + 8 * parts.length + ")");
            }
            boolean looksNumeric = IpLiteral.looksLikeAddress(host);
            throw token.error(looksNumeric
                    ? quote(host, token) + " is not an IPv4 address"
                    : quote(host, token) + " is not an IP address (host names are not resolved)");
        }
    }

    private static InetAddress ipv6(String host, Token token) {
        InetAddress parsed;
        try {
            parsed = IpLiteral.parse(host);
        } catch (IllegalArgumentException e) {
            throw token.error(quote(host, token) + " is not an IPv6 address");
        }
        byte[] bytes = parsed instanceof Inet4Address ? mapped(parsed.getAddress()) : parsed.getAddress();
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 'HOST'}, or {@code 'HOST' in 'TOKEN'} when the token says more than the address. */
    private static String quote(String host, Token token) {
        return token.text().equals(host) ? token.quoted() : "'" + host + "' in " + token.quoted();
    }

    /** {@code ::ffff:a.b.c.d} for an IPv4 address. */
    private static byte[] mapped(byte[] ipv4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, bytes, 12, 4);
        return bytes;
    }
}
