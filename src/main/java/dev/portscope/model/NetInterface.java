package dev.portscope.model;

/**
 * A network interface a socket is bound to: by {@code SO_BINDTODEVICE}, or by the scope of a
 * link-local address ({@code fe80::1%eth0}).
 *
 * @param index    the interface index, positive
 * @param name     its name ({@code lo}, {@code eth0}), null when it could not be found (a recording
 *                 of another machine, an interface gone since)
 * @param loopback whether it is the loopback interface, which reaches this machine only
 */
public record NetInterface(int index, String name, boolean loopback) {

    public NetInterface {
        if (index <= 0) {
            throw new IllegalArgumentException("interface index must be positive: " + index);
        }
    }

    /** The name, or the index when the name is unknown: {@code fe80::1%3} is also valid text (RFC 4007, section 11). */
    public String text() {
        return name != null ? name : Integer.toString(index);
    }
}
