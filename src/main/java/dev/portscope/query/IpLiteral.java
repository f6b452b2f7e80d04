package dev.portscope.query;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * IP addresses as users and files write them, read strictly: the one parser of every address
 * portscope is given (ports, {@code why --addr}, filters, {@code check}/{@code scan} hosts, baselines).
 *
 * <p>Accepted: IPv4 as four decimal numbers 0-255 without leading zeros ({@code 10.0.0.1}); IPv6 as
 * RFC 4291 §2.2 writes it ({@code ::1}, {@code 2001:db8::1}, {@code ::ffff:10.0.0.1}), with an optional
 * zone after {@code %} (RFC 4007 §11: {@code fe80::1%2}, {@code fe80::1%eth0}); either in brackets.
 *
 * <p>Refused: the forms of {@code inet_aton(3)}, which {@link InetAddress#getByName} and the resolver
 * take as addresses although nobody means them: {@code 12345} (0.0.48.57), {@code 127.1} (127.0.0.1),
 * {@code 0x7f.1} and {@code 010.0.0.1} (octal: 8.0.0.1 to {@code ss}, 10.0.0.1 to Java).
 *
 * <p>Like {@link InetAddress#getByAddress(byte[])}, an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d})
 * becomes an {@link java.net.Inet4Address}, as the model holds socket addresses; a caller that must keep
 * the IPv6 form checks {@link #isIpv6Text}.
 */
public final class IpLiteral {

    private IpLiteral() {}

    /**
     * The address {@code text} writes; never a name, so never a DNS query.
     *
     * @throws IllegalArgumentException {@code not an IP address: 'TEXT'}, or a missing zone's interface
     */
    public static InetAddress parse(String text) {
        String body = unbracketed(text);
        try {
            if (!isIpv6Text(body)) {
                byte[] ipv4 = ipv4(body);
                if (ipv4 == null) {
                    throw notAnAddress(text);
                }
                return InetAddress.getByAddress(ipv4);
            }
            int percent = body.indexOf('%');
            byte[] ipv6 = ipv6(percent < 0 ? body : body.substring(0, percent));
            if (ipv6 == null) {
                throw notAnAddress(text);
            }
            return percent < 0 ? InetAddress.getByAddress(ipv6) : scoped(ipv6, body.substring(percent + 1), text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes was refused", e);
        }
    }

    /** Whether {@code text} is written as IPv6 (it has a colon), brackets or not. */
    public static boolean isIpv6Text(String text) {
        return unbracketed(text).indexOf(':') >= 0;
    }

    /**
     * Whether {@code text} is meant as an address rather than a host name: IPv6 text, or numbers
     * between dots in any base {@code inet_aton} reads ({@code 12345}, {@code 0x7f.1}). Such text
     * must pass {@link #parse}; it is never handed to a resolver, which would read it as
     * {@code inet_aton} does.
     */
    public static boolean looksLikeAddress(String text) {
        String body = unbracketed(text);
        if (body.indexOf(':') >= 0) {
            return true;
        }
        boolean any = false;
        for (String part : body.split("\\.", -1)) {
            if (!part.isEmpty() && !part.matches("[0-9]+|0[xX][0-9a-fA-F]*")) {
                return false;
            }
            any |= !part.isEmpty();
        }
        return any;
    }

    private static String unbracketed(String text) {
        return text.length() >= 2 && text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    }

    /** {@code a.b.c.d}: four decimal numbers 0-255, no leading zeros; null otherwise. */
    static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int value = decimalByte(parts[i]);
            if (value < 0) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /** {@code 0} to {@code 255} without a leading zero, or -1. */
    public static int decimalByte(String part) {
        if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')
                || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int value = Integer.parseInt(part);
        return value <= 255 ? value : -1;
    }

    /** RFC 4291 §2.2: eight groups of 1-4 hex digits, one {@code ::} for one or more zero groups, the last 32 bits maybe dotted. */
    static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null || (gap < 0 ? head.length != 8 : head.length + tail.length > 7)) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.length; i++) {
            bytes[2 * i] = (byte) (head[i] >> 8);
            bytes[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tail.length; i++) {
            int at = 8 - tail.length + i;
            bytes[2 * at] = (byte) (tail[i] >> 8);
            bytes[2 * at + 1] = (byte) tail[i];
        }
        return bytes;
    }

    /** The 16-bit groups of {@code text} ({@code 1:2:3}); an IPv4 address may end the last part. Null when malformed. */
    private static int[] groups(String text, boolean last) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        boolean dotted = last && parts[parts.length - 1].indexOf('.') >= 0;
        int[] groups = new int[parts.length + (dotted ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (dotted && i == parts.length - 1) {
                byte[] v4 = ipv4(part);
                if (v4 == null) {
                    return null;
                }
                groups[i] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                groups[i + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
            } else if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return null;
            } else {
                groups[i] = Integer.parseInt(part, 16);
            }
        }
        return groups;
    }

    /** {@code %2} (a scope id) or {@code %eth0} (an interface of this machine). */
    private static InetAddress scoped(byte[] address, String zone, String text) throws UnknownHostException {
        if (zone.isEmpty() || !zone.matches("[A-Za-z0-9_.@-]+")) {
            throw notAnAddress(text);
        }
        if (zone.length() <= 9 && zone.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Inet6Address.getByAddress(null, address, Integer.parseInt(zone));
        }
        NetworkInterface nif;
        try {
            nif = NetworkInterface.getByName(zone);
        } catch (SocketException e) {
            nif = null;
        }
        if (nif == null) {
            throw new IllegalArgumentException("no network interface '" + zone + "' on this machine: '" + text + "'");
        }
        try {
            return Inet6Address.getByAddress(null, address, nif);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("interface '" + zone + "' gives no scope to '" + text + "'");
        }
    }

    private static IllegalArgumentException notAnAddress(String text) {
        return new IllegalArgumentException("not an IP address: '" + text + "'");
    }
}
