package dev.portscope.render;

import dev.portscope.analysis.audit.AllowedListener;
import dev.portscope.analysis.audit.Policy;
import dev.portscope.analysis.audit.PolicyParser;
import dev.portscope.analysis.audit.PortMatch;
import java.io.PrintWriter;
import java.time.Instant;

/** Writes a policy as YAML that {@link PolicyParser} reads back (format in the README). */
public final class AuditPolicyWriter {

    private AuditPolicyWriter() {}

    public static void write(PrintWriter out, Policy policy, String host, Instant time) {
        out.println("# portscope audit policy: accepts " + (host == null ? "a machine of unknown name" : host)
                + " as it was at " + time + ".");
        out.println("# Tighten it: narrow scopes, drop what should not listen, add require and forbid.");
        out.println("version: " + PolicyParser.FORMAT_VERSION);
        out.println("allow:");
        if (policy.allow().isEmpty()) {
            out.println("  []");
        }
        for (AllowedListener a : policy.allow()) {
            out.println("  - port: " + a.match().ports());
            out.println("    protocol: " + (a.match().protocol() == null ? "any" : a.match().protocol().label()));
            out.println("    scope: " + a.scope().label());
            if (a.process() != null) {
                out.println("    process: " + quote(a.process()));
            }
            if (a.user() != null) {
                out.println("    user: " + quote(a.user()));
            }
            if (a.executable() != null) {
                out.println("    executable: " + quote(a.executable()));
            }
        }
        ports(out, "require", policy.require());
        ports(out, "forbid", policy.forbid());
        out.println("thresholds:");
        out.println("  closeWaitPerProcess: " + policy.thresholds().closeWaitPerProcess());
        out.flush();
    }

    private static void ports(PrintWriter out, String key, java.util.List<PortMatch> ports) {
        out.println(key + ":" + (ports.isEmpty() ? " []" : ""));
        for (PortMatch p : ports) {
            out.println("  - port: " + p.ports());
            out.println("    protocol: " + (p.protocol() == null ? "any" : p.protocol().label()));
        }
    }

    /** A YAML double-quoted scalar: process names may hold spaces, colons or quotes. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
