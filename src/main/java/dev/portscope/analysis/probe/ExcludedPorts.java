package dev.portscope.analysis.probe;

import java.util.Arrays;

/**
 * Ports that probes never connect to, whatever the protocol: {@code --exclude 2024,6000-6010}.
 * Immutable.
 *
 * <p>Example: {@code ExcludedPorts.parse("22,6000-6010").contains(6005)} is true.
 */
public final class ExcludedPorts {

    private static final ExcludedPorts NONE = new ExcludedPorts(new int[0]);

    /** Ascending, without repeats (as {@link PortRanges#parse} returns them). */
    private final int[] ports;

    private ExcludedPorts(int[] ports) {
        this.ports = ports;
    }

    /** No port is excluded. */
    public static ExcludedPorts none() {
        return NONE;
    }

    /**
     * The ports of a list of ports and ranges, as {@link PortRanges#parse} reads it.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad part
     */
    public static ExcludedPorts parse(String text) {
        return new ExcludedPorts(PortRanges.parse(text));
    }

    public boolean contains(int port) {
        return Arrays.binarySearch(ports, port) >= 0;
    }

    public boolean isEmpty() {
        return ports.length == 0;
    }
}
