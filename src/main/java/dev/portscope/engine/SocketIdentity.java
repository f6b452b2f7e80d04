package dev.portscope.engine;

import dev.portscope.model.Endpoint;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;

/**
 * Which socket a row is, from one refresh to the next. The kernel's cookie names a socket for its
 * whole life and is never reused, so where the source gives one (netlink) it is the identity, and a
 * new socket on a reused 4-tuple is a new row. Where it does not ({@code /proc/net}), the 4-tuple
 * is, and {@link SocketDiff} tells a reuse by a changed inode.
 *
 * @param cookie the kernel's cookie, or 0 when the identity is the 4-tuple
 */
public record SocketIdentity(Protocol protocol, long cookie, Endpoint local, Endpoint remote) {

    /** Cheap for the common case, a cookie: tables of a few hundred thousand are hashed every refresh. */
    @Override
    public int hashCode() {
        return cookie != 0 ? Long.hashCode(cookie * 0x9E3779B97F4A7C15L) + protocol.ordinal()
                : java.util.Objects.hash(protocol, local, remote);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SocketIdentity that && cookie == that.cookie && protocol == that.protocol
                && java.util.Objects.equals(local, that.local) && java.util.Objects.equals(remote, that.remote);
    }

    public static SocketIdentity of(Socket socket) {
        long cookie = socket.linux() == null ? 0 : socket.linux().cookie();
        if (cookie != 0) {
            return new SocketIdentity(socket.protocol(), cookie, null, null);
        }
        return new SocketIdentity(socket.protocol(), 0, socket.local(), socket.remote());
    }
}
