package dev.portscope.services;

import dev.portscope.model.Protocol;
import java.util.Locale;

/** Reads portscope's own table: {@code port[-port]/proto[,proto] TAB name TAB description}. */
final class WellKnownPortsParser {

    private WellKnownPortsParser() {}

    static void parse(String text, String source, ServiceTable.EntrySink sink) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            int slash = fields[0].indexOf('/');
            if (fields.length != 3 || slash < 0) {
                // The table ships inside the jar: a broken line is our bug, not the user's.
                throw new IllegalStateException(source + ":" + (i + 1) + ": expected port/proto TAB name TAB description");
            }
            String ports = fields[0].substring(0, slash);
            int dash = ports.indexOf('-');
            int first = Integer.parseInt(dash < 0 ? ports : ports.substring(0, dash));
            int last = dash < 0 ? first : Integer.parseInt(ports.substring(dash + 1));
            Service service = new Service(fields[1], fields[2]);
            for (String proto : fields[0].substring(slash + 1).split(",")) {
                Protocol protocol = Protocol.valueOf(proto.toUpperCase(Locale.ROOT));
                for (int port = first; port <= last; port++) {
                    sink.accept(protocol, port, service);
                }
            }
        }
    }
}
