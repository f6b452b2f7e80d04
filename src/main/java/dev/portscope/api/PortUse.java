package dev.portscope.api;

import java.util.Objects;

/**
 * One socket that involves a port, and how.
 *
 * {@snippet :
 * for (PortUse use : scope.who(5432).uses()) {
 *     System.out.println(use.role() + ": " + use.socket().local() + " " + use.socket().owners());
 * }
 * }
 *
 * @param role    how the socket relates to the port
 * @param socket  the socket, with its owners
 * @param certain false when the socket takes the address asked about only if its {@code IPV6_V6ONLY}
 *                flag is off, and the kernel did not report that flag
 */
public record PortUse(PortRole role, SocketEntry socket, boolean certain) {

    public PortUse {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(socket, "socket");
    }
}
