package dev.portscope.api;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The IPv4 wildcard, made from its bytes: no name lookup. */
final class Wildcards {

    static final InetAddress IPV4;

    static {
        try {
            IPV4 = InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are an IPv4 address", e);
        }
    }

    private Wildcards() {}
}
