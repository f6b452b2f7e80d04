package dev.portscope.platform.linux;

import java.util.Map;

/**
 * Parses {@code /proc/net/snmp} and {@code /proc/net/netstat}: lines in pairs, a header of names and
 * a line of values, both starting with the same prefix ({@code Tcp:}, {@code TcpExt:}).
 */
public final class NetSnmpParser {

    private NetSnmpParser() {}

    /**
     * Adds the counters of the groups named in {@code prefixes} to {@code into}, keyed {@code Group.Name}.
     *
     * @throws IllegalArgumentException when a group's two lines do not match, naming the file and line
     */
    public static void parse(String text, String fileName, java.util.Set<String> prefixes, Map<String, Long> into) {
        String[] lines = text.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            String header = lines[i];
            int colon = header.indexOf(':');
            if (colon <= 0 || !prefixes.contains(header.substring(0, colon))) {
                continue;
            }
            String group = header.substring(0, colon);
            String values = lines[i + 1];
            if (!values.startsWith(group + ":")) {
                throw new IllegalArgumentException(fileName + ":" + (i + 2) + ": expected the values of " + group);
            }
            String[] names = header.substring(colon + 1).trim().split("\\s+");
            String[] numbers = values.substring(colon + 1).trim().split("\\s+");
            if (names.length != numbers.length) {
                throw new IllegalArgumentException(fileName + ":" + (i + 2) + ": " + names.length + " names but " + numbers.length + " values");
            }
            for (int k = 0; k < names.length; k++) {
                try {
                    into.put(group + "." + names[k], Long.parseLong(numbers[k]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(fileName + ":" + (i + 2) + ": " + names[k] + " is not a number: " + numbers[k]);
                }
            }
            i++;
        }
    }
}
