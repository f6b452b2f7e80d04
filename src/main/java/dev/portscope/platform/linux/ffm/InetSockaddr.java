package dev.portscope.platform.linux.ffm;

import static dev.portscope.platform.linux.ffm.LinuxConstants.AF_INET;
import static dev.portscope.platform.linux.ffm.LinuxConstants.AF_INET6;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * The socket addresses of IPv4 and IPv6 as the kernel takes them in {@code bind}, {@code connect}
 * and gives them back from {@code getsockname} ({@code ip(7)}, {@code ipv6(7)}):
 *
 * <pre>
 * struct sockaddr_in6 {            // include/uapi/linux/in6.h     struct sockaddr_in (linux/in.h):
 *     sa_family_t sin6_family;     // 0: AF_INET6, host order      sin_family: AF_INET
 *     __be16      sin6_port;       // 2: network order             sin_port
 *     __be32      sin6_flowinfo;   // 4                            struct in_addr sin_addr (4 bytes)
 *     struct in6_addr sin6_addr;   // 8: 16 bytes                  sin_zero (8 bytes, zero)
 *     __u32       sin6_scope_id;   // 24: host order; an interface index for link-local addresses
 * };                               // 28 bytes                     16 bytes
 * </pre>
 *
 * The family follows the Java type: an {@link Inet4Address} becomes a {@code sockaddr_in}, an
 * {@link Inet6Address} (IPv4-mapped ones included) a {@code sockaddr_in6}. Fields are read and
 * written unaligned, so any segment will do.
 */
final class InetSockaddr {

    static final int IN_BYTES = 16;
    static final int IN6_BYTES = 28;
    /** Room for either. */
    static final int MAX_BYTES = IN6_BYTES;

    private static final ValueLayout.OfShort HOST_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfShort NETWORK_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt HOST_INT = ValueLayout.JAVA_INT_UNALIGNED;

    private InetSockaddr() {}

    /**
     * Writes {@code address} and {@code port} at the start of {@code into}, every other byte of the
     * struct zero.
     *
     * @return the struct's length, {@link #IN_BYTES} or {@link #IN6_BYTES}: the length to pass with it
     */
    static int encode(MemorySegment into, InetAddress address, int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        boolean v4 = address instanceof Inet4Address;
        int length = v4 ? IN_BYTES : IN6_BYTES;
        into.asSlice(0, length).fill((byte) 0);
        into.set(HOST_SHORT, 0, (short) (v4 ? AF_INET : AF_INET6));
        into.set(NETWORK_SHORT, 2, (short) port);
        byte[] bytes = address.getAddress();
        MemorySegment.copy(bytes, 0, into, ValueLayout.JAVA_BYTE, v4 ? 4 : 8, bytes.length);
        if (address instanceof Inet6Address v6) {
            into.set(HOST_INT, 24, v6.getScopeId());
        }
        return length;
    }

    /**
     * Reads back a {@code sockaddr_in} or {@code sockaddr_in6} of {@code length} bytes. An IPv4-mapped
     * IPv6 address stays an {@link Inet6Address}, as the kernel gave it.
     *
     * @throws IllegalArgumentException for another family, or a length too short for the family
     */
    static InetSocketAddress decode(MemorySegment from, long length) {
        if (length < 2) {
            throw new IllegalArgumentException("sockaddr of " + length + " bytes has no family");
        }
        int family = Short.toUnsignedInt(from.get(HOST_SHORT, 0));
        int expected = family == AF_INET ? IN_BYTES : family == AF_INET6 ? IN6_BYTES : -1;
        if (expected < 0) {
            throw new IllegalArgumentException("sockaddr of family " + family + ", not AF_INET or AF_INET6");
        }
        if (length < expected) {
            throw new IllegalArgumentException("sockaddr of family " + family + " in " + length + " bytes, needs " + expected);
        }
        int port = Short.toUnsignedInt(from.get(NETWORK_SHORT, 2));
        try {
            InetAddress address = family == AF_INET
                    ? InetAddress.getByAddress(from.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE))
                    : v6(from.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE), from.get(HOST_INT, 24));
            return new InetSocketAddress(address, port);
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4- or 16-byte address is always valid", e);
        }
    }

    /** Inet6Address.getByAddress keeps a mapped address IPv6; scope 0 means none (no "%0" in its text). */
    private static Inet6Address v6(byte[] bytes, int scope) throws UnknownHostException {
        return Inet6Address.getByAddress(null, bytes, scope == 0 ? -1 : scope);
    }
}
