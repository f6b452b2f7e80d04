package dev.portscope.render;

import dev.portscope.model.AddressText;

import dev.portscope.analysis.probe.ProbeResult;
import dev.portscope.analysis.probe.TlsInfo;
import dev.portscope.model.Protocol;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code portscope probe} as a table, then the mismatches and the services on non-standard ports, in words. */
public final class ProbeTextWriter {

    private ProbeTextWriter() {}

    public static void write(PrintWriter out, List<ProbeResult> results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("PORT", "ADDRESS", "PID", "PROCESS", "SERVICE", "DETECTED", "DETAIL"));
        for (ProbeResult r : results) {
            rows.add(List.of(
                    r.target().port() + (r.target().protocol() == Protocol.UDP ? "/udp" : ""),
                    AddressText.of(r.target().address().getAddress()),
                    pids(r),
                    r.target().owners().isEmpty() ? "-" : r.target().servedBy(),
                    r.service().map(s -> s.name()).orElse("-"),
                    r.detection().protocol().label() + (r.mismatch().isPresent() ? " !" : ""),
                    r.detection().tls().map(ProbeTextWriter::tls).orElse(r.detection().evidence())));
        }
        AlignedRows.print(out, rows, Set.of(0, 2));
        section(out, "Mismatches:", results.stream().flatMap(r -> r.mismatch().stream()).toList());
        section(out, "On non-standard ports (not mismatches):", results.stream().flatMap(r -> r.note().stream()).toList());
    }

    /** A heading and its lines, after a blank line; nothing when there are none. */
    static void section(PrintWriter out, String heading, List<String> lines) {
        if (!lines.isEmpty()) {
            out.println();
            out.println(heading);
            lines.stream().distinct().forEach(line -> out.println("  " + ForeignText.visible(line)));
        }
    }

    /** The first pid, and how many more share the socket: {@code 3100 +11}. */
    static String pids(ProbeResult r) {
        var owners = r.target().owners();
        return owners.isEmpty() ? "-" : owners.getFirst().pid() + (owners.size() > 1 ? " +" + (owners.size() - 1) : "");
    }

    static String tls(TlsInfo t) {
        return t.version() + ", subject " + (t.subject().isEmpty() ? "-" : t.subject()) + ", issuer " + (t.issuer().isEmpty() ? "-" : t.issuer())
                + ", expires " + (t.notAfter() == null ? "-" : t.notAfter().toString());
    }
}
