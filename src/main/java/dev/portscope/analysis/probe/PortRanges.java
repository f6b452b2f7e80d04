package dev.portscope.analysis.probe;

import java.util.BitSet;

/**
 * Port lists as users write them: {@code 1-1024,3306,8000-8100}. Pure.
 *
 * <p>Example: {@code PortRanges.parse("22,80-82")} is {@code [22, 80, 81, 82]}.
 */
public final class PortRanges {

    private PortRanges() {}

    /**
     * The ports named, ascending and without repeats.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad part
     */
    public static int[] parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty port range");
        }
        BitSet ports = new BitSet(65_536);
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            int dash = p.indexOf('-');
            if (dash < 0) {
                int port = port(p, part);
                ports.set(port);
            } else {
                int from = port(p.substring(0, dash).strip(), part);
                int to = port(p.substring(dash + 1).strip(), part);
                if (from > to) {
                    throw new IllegalArgumentException("bad port range '" + part + "': " + from + " is greater than " + to);
                }
                ports.set(from, to + 1);
            }
        }
        return ports.stream().toArray();
    }

    private static int port(String digits, String part) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("bad port range '" + part + "': expected PORT or FROM-TO with ports 1-65535");
        }
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("bad port range '" + part + "': port " + port + " is outside 1-65535");
        }
        return port;
    }
}
