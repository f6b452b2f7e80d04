package dev.portscope.render;

import dev.portscope.model.AddressText;
import dev.portscope.model.NamespaceIndex;
import dev.portscope.model.NetNamespace;

import dev.portscope.analysis.audit.AuditReport;
import dev.portscope.analysis.audit.Finding;
import dev.portscope.analysis.audit.Severity;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code portscope audit}: findings grouped by severity, the most severe first, each with its fix. */
public final class AuditTextWriter {

    private AuditTextWriter() {}

    public static void write(PrintWriter out, AuditReport report) {
        write(out, report, NamespaceIndex.NONE);
    }

    /** As {@link #write(PrintWriter, AuditReport)}, each finding's socket named with its namespace when there are several ({@code -A}). */
    public static void write(PrintWriter out, AuditReport report, NamespaceIndex namespaces) {
        if (report.findings().isEmpty()) {
            out.println(report.partial() ? "UNKNOWN: no findings, but the inspection was incomplete (see stderr)"
                    : "OK: no findings");
            return;
        }
        for (Severity severity : List.of(Severity.CRITICAL, Severity.WARNING)) {
            List<Finding> group = report.findings().stream().filter(f -> f.severity() == severity).toList();
            if (group.isEmpty()) {
                continue;
            }
            out.println(severity.name() + " (" + group.size() + ")");
            for (Finding f : group) {
                String where = f.socket() == null ? "-"
                        : f.socket().protocol().label() + " " + AddressText.endpoint(f.socket().local(), f.socket().family())
                                + namespaceOf(f, namespaces);
                out.printf(Locale.ROOT, "  %-6s %-28s %s%n", f.rule().id(), where, ForeignText.visible(f.message()));
                out.printf(Locale.ROOT, "  %-6s %-28s why: %s%n", "", "", f.rule().title());
                out.printf(Locale.ROOT, "  %-6s %-28s fix: %s%n", "", "", f.rule().fix());
            }
            out.println();
        }
        out.println(report.count(Severity.CRITICAL) + " critical, " + report.count(Severity.WARNING) + " warning"
                + (report.partial() ? " (inspection incomplete, see stderr)" : ""));
    }

    /** {@code  in web} (the namespace's container, else its label), or nothing in a listing of one namespace. */
    private static String namespaceOf(Finding f, NamespaceIndex namespaces) {
        if (!namespaces.multiple()) {
            return "";
        }
        NetNamespace ns = namespaces.of(f.socket());
        if (ns == null) {
            return " in netns " + (f.socket().linux() == null ? "?" : f.socket().linux().netns());
        }
        return " in " + ForeignText.visible(ns.container() != null ? ns.container().label() : ns.label());
    }
}
