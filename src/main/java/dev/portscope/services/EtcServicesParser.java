package dev.portscope.services;

import dev.portscope.model.Protocol;

/**
 * Reads {@code /etc/services} ({@code services(5)}): {@code name port/protocol [aliases...] [# comment]}.
 * Lines it cannot read are skipped: the file belongs to the system, and a bad line there must
 * not stop a listing.
 */
final class EtcServicesParser {

    private EtcServicesParser() {}

    static void parse(String text, ServiceTable.EntrySink sink) {
        for (String raw : text.split("\n")) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 2) {
                continue;
            }
            int slash = fields[1].indexOf('/');
            if (slash < 0) {
                continue;
            }
            Protocol protocol = switch (fields[1].substring(slash + 1)) {
                case "tcp" -> Protocol.TCP;
                case "udp" -> Protocol.UDP;
                default -> null;
            };
            try {
                int port = Integer.parseInt(fields[1].substring(0, slash));
                if (protocol != null && port >= 0 && port <= 65_535) {
                    sink.accept(protocol, port, new Service(fields[0], ""));
                }
            } catch (NumberFormatException e) {
                // skipped, see the class comment
            }
        }
    }
}
