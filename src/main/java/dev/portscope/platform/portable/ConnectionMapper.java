package dev.portscope.platform.portable;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import oshi.software.os.InternetProtocolStats.IPConnection;

/**
 * Turns one of OSHI's connections into portscope's {@link Socket}, the same on every system: states
 * through {@link NativeTcpStates}, addresses as the Linux backend holds them (an IPv4-mapped address
 * on an IPv6 socket as Java's {@code Inet4Address}, {@code ::} for a dual-stack wildcard), and what the
 * system does not report (queues, the socket's uid) as unknown. Pure: no I/O.
 */
public final class ConnectionMapper {

    private ConnectionMapper() {}

    /**
     * The socket of {@code connection}, with its key left 0 ({@link ConnectionTable} assigns keys).
     *
     * @throws IllegalArgumentException for a type or address OSHI should never give (the message names it)
     */
    public static Socket toSocket(IPConnection connection, SystemKind system) {
        String type = connection.getType();
        Protocol protocol = switch (type.length() < 3 ? "" : type.substring(0, 3)) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            default -> throw new IllegalArgumentException("connection of unknown type '" + type + "'");
        };
        String version = type.substring(3);
        // macOS: tcp46/udp46 is an IPv6 socket without IPV6_V6ONLY; OSHI hands over its IPv4 view.
        boolean dualStack = version.equals("46");
        IpFamily family = switch (version) {
            case "4" -> IpFamily.IPV4;
            case "6", "46" -> IpFamily.IPV6;
            default -> throw new IllegalArgumentException("connection of unknown type '" + type + "'");
        };
        Endpoint local = new Endpoint(address(connection.getLocalAddress(), family, dualStack), connection.getLocalPort());
        Endpoint remote = new Endpoint(address(connection.getForeignAddress(), family, dualStack), connection.getForeignPort());
        SocketState state = protocol == Protocol.UDP
                ? NativeTcpStates.udp(remote.port())
                : NativeTcpStates.refine(NativeTcpStates.oshi(connection.getState()), local.port(), remote.port());
        boolean queues = PortableCapabilities.reportsQueues(system);
        // a listener's send queue is its backlog on netlink; /proc/net, which OSHI reads, gives 0 for it
        boolean listener = protocol == Protocol.TCP && state == SocketState.LISTEN;
        return new Socket(protocol, family, local, remote, state, Socket.UNKNOWN_UID, 0,
                queues ? connection.getReceiveQueue() : Socket.UNKNOWN_QUEUE,
                queues && !listener ? connection.getTransmitQueue() : Socket.UNKNOWN_QUEUE,
                v6Only(system, family, dualStack, local), null);
    }

    /**
     * macOS names a dual-stack socket ({@code tcp46}) apart from an IPv6-only one: a wildcard {@code tcp6}
     * socket refuses IPv4. Elsewhere OSHI does not say (null: unknown).
     */
    private static Boolean v6Only(SystemKind system, IpFamily family, boolean dualStack, Endpoint local) {
        if (system != SystemKind.MACOS || family != IpFamily.IPV6) {
            return null;
        }
        if (dualStack) {
            return Boolean.FALSE;
        }
        return local.isWildcard() ? Boolean.TRUE : null;
    }

    /**
     * An address as the model holds it. No bytes (Windows' UDP tables have no peer) is the family's
     * wildcard; four bytes on a dual-stack socket are its IPv4 view: zero is the IPv6 wildcard
     * {@code ::}, anything else an IPv4-mapped address (Java's {@code Inet4Address}, as for an IPv6
     * socket on Linux); sixteen bytes of {@code ::ffff:a.b.c.d} become that {@code Inet4Address} too.
     */
    static InetAddress address(byte[] bytes, IpFamily family, boolean dualStack) {
        try {
            if (bytes == null || bytes.length == 0 || (dualStack && bytes.length == 4 && isZero(bytes))) {
                return family == IpFamily.IPV4 ? InetAddress.getByAddress(new byte[4]) : Inet6Address.getByAddress(null, new byte[16], -1);
            }
            if (bytes.length != 4 && bytes.length != 16) {
                throw new IllegalArgumentException("address of " + bytes.length + " bytes");
            }
            if (family == IpFamily.IPV4 && bytes.length != 4) {
                throw new IllegalArgumentException("IPv4 socket with an address of " + bytes.length + " bytes");
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + bytes.length + " bytes", e);
        }
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
