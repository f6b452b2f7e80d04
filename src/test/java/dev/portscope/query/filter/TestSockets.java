package dev.portscope.query.filter;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.net.InetAddress;

/** Sockets for filter tests, written as ss prints endpoints: {@code 10.0.0.1:22}, {@code [::1]:22}. */
final class TestSockets {

    private TestSockets() {}

    static Socket tcp(String local, String remote, SocketState state) {
        return socket(Protocol.TCP, familyOf(local), local, remote, state);
    }

    static Socket udp(String local, String remote, SocketState state) {
        return socket(Protocol.UDP, familyOf(local), local, remote, state);
    }

    /** An IPv6 socket; its addresses may be IPv4-mapped ({@code [::ffff:10.0.0.1]:22}). */
    static Socket tcp6(String local, String remote, SocketState state) {
        return socket(Protocol.TCP, IpFamily.IPV6, local, remote, state);
    }

    static Socket socket(Protocol protocol, IpFamily family, String local, String remote, SocketState state) {
        return new Socket(protocol, family, endpoint(local), endpoint(remote), state, 0, 0, 0, 0, null, null);
    }

    static Endpoint endpoint(String text) {
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(InetAddress.ofLiteral(host), Integer.parseInt(text.substring(colon + 1)));
    }

    private static IpFamily familyOf(String endpoint) {
        return endpoint.startsWith("[") ? IpFamily.IPV6 : IpFamily.IPV4;
    }
}
