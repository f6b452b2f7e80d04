package dev.portscope.render;

import dev.portscope.model.AddressText;

import dev.portscope.analysis.probe.PortCheck;
import dev.portscope.analysis.probe.PortStatus;
import dev.portscope.analysis.probe.ProbeResult;
import dev.portscope.analysis.probe.ScanProbes;
import dev.portscope.model.Protocol;
import dev.portscope.services.ServiceTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code portscope scan} and {@code check} as a table: one row per port, then the counts. A scan
 * shows only the ports that are not closed (as nmap does); a check shows every port it was asked.
 * With probes, a DETECTED column names what each open port speaks, and the mismatches and the
 * services on non-standard ports follow.
 */
public final class ScanTextWriter {

    private ScanTextWriter() {}

    public static void write(PrintWriter out, List<PortCheck> checks, ScanProbes probes, ServiceTable services, boolean showClosed) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(probes.asked() ? List.of("TARGET", "STATE", "LATENCY", "SERVICE", "DETECTED", "DETAIL")
                : List.of("TARGET", "STATE", "LATENCY", "SERVICE", "DETAIL"));
        List<String> mismatches = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PortCheck c : checks) {
            if (showClosed || c.status() != PortStatus.CLOSED) {
                List<String> row = new ArrayList<>(List.of(target(c), c.status().label(), latency(c.latency()),
                        services.lookup(Protocol.TCP, c.port()).map(s -> s.name()).orElse("-")));
                Optional<ProbeResult> probe = probes.of(c.target());
                if (probes.asked()) {
                    row.add(probe.map(p -> p.detection().protocol().label() + (p.mismatch().isPresent() ? " !" : "")).orElse("-"));
                }
                row.add(!c.detail().isEmpty() ? c.detail()
                        : probe.map(p -> p.detection().tls().map(ProbeTextWriter::tls).orElse(p.detection().evidence())).orElse(""));
                rows.add(row);
                probe.flatMap(ProbeResult::mismatch).ifPresent(m -> mismatches.add(target(c) + ": " + m));
                probe.flatMap(ProbeResult::note).ifPresent(m -> notes.add(target(c) + ": " + m));
            }
        }
        AlignedRows.print(out, rows, Set.of(2));
        ProbeTextWriter.section(out, "Mismatches:", mismatches);
        ProbeTextWriter.section(out, "On non-standard ports (not mismatches):", notes);
        if (!mismatches.isEmpty() || !notes.isEmpty()) {
            out.println();
        }
        out.println(counts(checks));
    }

    /** {@code 3 open, 1021 closed, 0 filtered} — every status, zeros included, so that nothing reads as absent. */
    public static String counts(List<PortCheck> checks) {
        Map<PortStatus, Integer> counts = new EnumMap<>(PortStatus.class);
        for (PortStatus s : PortStatus.values()) {
            counts.put(s, 0);
        }
        checks.forEach(c -> counts.merge(c.status(), 1, Integer::sum));
        StringBuilder text = new StringBuilder();
        counts.forEach((status, n) -> {
            if (status != PortStatus.ERROR || n > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(n).append(' ').append(status.label());
            }
        });
        return text.toString();
    }

    static String target(PortCheck c) {
        return AddressText.withPort(c.target().getAddress(), c.port());
    }

    static String latency(Duration d) {
        return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }
}
