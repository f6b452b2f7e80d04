package dev.portscope.cli;

import dev.portscope.analysis.probe.ExcludedPorts;
import dev.portscope.analysis.probe.ProbeTarget;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --exclude PORTS}, shared by probe and audit: listening ports that the probes never connect to. */
final class ExcludeOption {

    @Option(names = "--exclude", paramLabel = "PORTS",
            description = "Ports never to connect to, TCP or UDP, as a list of ports and ranges: 2024,6000-6010.")
    String ports;

    boolean given() {
        return ports != null;
    }

    /** The ports excluded, none without the option. */
    ExcludedPorts excluded() {
        if (ports == null) {
            return ExcludedPorts.none();
        }
        try {
            return ExcludedPorts.parse(ports);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--exclude: " + e.getMessage());
        }
    }

    /** Says once which listeners were left alone, so that a quiet port is not taken for a probed one. */
    static void report(List<ProbeTarget> excluded, PrintWriter err) {
        if (!excluded.isEmpty()) {
            err.println("portscope: not probed (--exclude): "
                    + String.join(", ", excluded.stream().map(t -> t.port() + "/" + t.protocol().label()).toList()));
        }
    }
}
