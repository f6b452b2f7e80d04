package dev.portscope.platform.linux;

import dev.portscope.model.PortRange;
import dev.portscope.platform.PortSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The port settings of a network namespace: read from {@code /proc/sys/net} by the reading process,
 * or from the values a recording kept ({@code portscope record}). One parser for both, so a replay
 * judges with the recorded machine's settings exactly as that machine would have.
 */
public final class PortSysctls {

    static final String UNPRIVILEGED_PORT_START = "net.ipv4.ip_unprivileged_port_start";
    static final String LOCAL_PORT_RANGE = "net.ipv4.ip_local_port_range";
    static final String LOCAL_RESERVED_PORTS = "net.ipv4.ip_local_reserved_ports";
    static final String BIND_V6_ONLY = "net.ipv6.bindv6only";
    static final String NONLOCAL_BIND = "net.ipv4.ip_nonlocal_bind";
    static final String SOMAXCONN = "net.core.somaxconn";

    /** Every sysctl portscope reads (and records), by its {@code sysctl(8)} name. */
    static final List<String> NAMES = List.of(UNPRIVILEGED_PORT_START, LOCAL_PORT_RANGE, LOCAL_RESERVED_PORTS, BIND_V6_ONLY,
            NONLOCAL_BIND, SOMAXCONN);

    private PortSysctls() {}

    public static PortSettings read(Path procRoot) {
        return fromValues(readValues(procRoot));
    }

    /** The text of each sysctl of {@link #NAMES} that could be read, by name; the others are missing. */
    static Map<String, String> readValues(Path procRoot) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : NAMES) {
            try {
                values.put(name, readFile(procRoot.resolve("sys").resolve(name.replace('.', '/'))));
            } catch (IOException e) {
                // missing from the map: assumed, and said so by fromValues
            }
        }
        return values;
    }

    /**
     * Port settings from sysctl values by name ({@code net.ipv4.ip_local_port_range} → {@code "32768 60999"}):
     * a value that is missing or does not parse is the kernel's default, listed as assumed.
     */
    static PortSettings fromValues(Map<String, String> values) {
        PortSettings d = PortSettings.DEFAULTS;
        List<String> assumed = new ArrayList<>();
        int unprivileged = d.unprivilegedPortStart();
        int first = d.ephemeralFirst();
        int last = d.ephemeralLast();
        List<PortRange> reserved = List.of();
        boolean v6Only = d.bindV6Only();
        boolean nonLocal = d.nonLocalBind();
        try {
            unprivileged = Integer.parseInt(value(values, UNPRIVILEGED_PORT_START));
        } catch (IllegalArgumentException e) {
            assumed.add(UNPRIVILEGED_PORT_START);
        }
        try {
            String[] range = value(values, LOCAL_PORT_RANGE).split("\\s+");
            first = Integer.parseInt(range[0]);
            last = Integer.parseInt(range[1]);
        } catch (RuntimeException e) {
            assumed.add(LOCAL_PORT_RANGE);
        }
        try {
            reserved = parseReserved(value(values, LOCAL_RESERVED_PORTS));
        } catch (IllegalArgumentException e) {
            assumed.add(LOCAL_RESERVED_PORTS);
        }
        try {
            v6Only = flag(value(values, BIND_V6_ONLY));
        } catch (IllegalArgumentException e) {
            assumed.add(BIND_V6_ONLY);
        }
        try {
            nonLocal = flag(value(values, NONLOCAL_BIND));
        } catch (IllegalArgumentException e) {
            assumed.add(NONLOCAL_BIND);
        }
        return new PortSettings(unprivileged, first, last, reserved, v6Only, nonLocal, assumed);
    }

    /** {@code net.core.somaxconn} from the values, empty when missing or not a number. */
    static OptionalInt maxAcceptQueue(Map<String, String> values) {
        try {
            return OptionalInt.of(Integer.parseInt(value(values, SOMAXCONN)));
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }

    private static String value(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " missing");
        }
        return value.strip();
    }

    private static boolean flag(String value) {
        return switch (value) {
            case "0" -> false;
            case "1" -> true;
            default -> throw new IllegalArgumentException("not 0 or 1: " + value);
        };
    }

    /** Parses {@code 8080,9000-9010} (the format of {@code ip_local_reserved_ports}); empty text for none. */
    static List<PortRange> parseReserved(String text) {
        List<PortRange> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            ranges.add(dash < 0
                    ? PortRange.of(Integer.parseInt(p))
                    : new PortRange(Integer.parseInt(p.substring(0, dash)), Integer.parseInt(p.substring(dash + 1))));
        }
        return ranges;
    }

    /**
     * Read through a stream, in one large read: {@code Files.readAllBytes} and {@code readString} size
     * their first read by the file's size, which procfs gives as 0, and a sysctl answers the read
     * that follows at offset 1 with nothing: they return "3" for "32768 60999".
     */
    private static String readFile(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
        }
    }
}
