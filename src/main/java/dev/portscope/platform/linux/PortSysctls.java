package dev.portscope.platform.linux;

import dev.portscope.model.PortRange;
import dev.portscope.platform.PortSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the port settings of the reading process's network namespace from {@code /proc/sys/net}. */
public final class PortSysctls {

    private PortSysctls() {}

    public static PortSettings read(Path procRoot) {
        Path sys = procRoot.resolve("sys/net");
        PortSettings d = PortSettings.DEFAULTS;
        List<String> assumed = new ArrayList<>();
        int unprivileged = d.unprivilegedPortStart();
        int first = d.ephemeralFirst();
        int last = d.ephemeralLast();
        List<PortRange> reserved = List.of();
        boolean v6Only = d.bindV6Only();
        boolean nonLocal = d.nonLocalBind();
        try {
            unprivileged = Integer.parseInt(read(sys, "ipv4/ip_unprivileged_port_start"));
        } catch (IOException | NumberFormatException e) {
            assumed.add("net.ipv4.ip_unprivileged_port_start");
        }
        try {
            String[] range = read(sys, "ipv4/ip_local_port_range").split("\\s+");
            first = Integer.parseInt(range[0]);
            last = Integer.parseInt(range[1]);
        } catch (IOException | RuntimeException e) {
            assumed.add("net.ipv4.ip_local_port_range");
        }
        try {
            reserved = parseReserved(read(sys, "ipv4/ip_local_reserved_ports"));
        } catch (IOException | IllegalArgumentException e) {
            assumed.add("net.ipv4.ip_local_reserved_ports");
        }
        try {
            v6Only = "1".equals(read(sys, "ipv6/bindv6only"));
        } catch (IOException e) {
            assumed.add("net.ipv6.bindv6only");
        }
        try {
            nonLocal = "1".equals(read(sys, "ipv4/ip_nonlocal_bind"));
        } catch (IOException e) {
            assumed.add("net.ipv4.ip_nonlocal_bind");
        }
        return new PortSettings(unprivileged, first, last, reserved, v6Only, nonLocal, assumed);
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
    private static String read(Path sys, String name) throws IOException {
        try (var in = Files.newInputStream(sys.resolve(name))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
        }
    }
}
