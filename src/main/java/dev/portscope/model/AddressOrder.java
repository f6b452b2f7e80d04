package dev.portscope.model;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Comparator;

/** Addresses compared as addresses, not as text: IPv4 before IPv6, then by value (unsigned bytes). */
public final class AddressOrder {

    public static final Comparator<InetAddress> BY_VALUE = (a, b) -> {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    };

    private AddressOrder() {}
}
