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
        out.println("# portscope audit policy: accepts " + (host == null ? "a machine of unknown name" : commentText(host))
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

    /** Width of the text on one line of a long value; the rest continues on the next lines. */
    private static final int WIDTH = 80;

    /**
     * A YAML double-quoted scalar that {@link PolicyParser} reads back as {@code text}, whatever it
     * holds: process names may be spaces only, or hold quotes, colons, {@code #}, line breaks, control
     * characters. Everything YAML does not print (YAML 1.1 "printable" set, as SnakeYAML checks it),
     * line and paragraph separators (folded otherwise) and unpaired surrogates are escaped; a value
     * longer than {@value #WIDTH} characters continues on the next lines after an escaped line break
     * ({@code \} at the end of a line), so that no line is longer than the parser takes.
     */
    static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        int width = 0;
        boolean afterBreak = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            boolean breakHere = width >= WIDTH && next < text.length();
            String piece = escape(c, afterBreak || breakHere);
            b.append(piece);
            width += piece.length();
            afterBreak = breakHere;
            if (breakHere) {
                b.append("\\\n      "); // an escaped line break: neither the break nor the indentation is part of the value
                width = 0;
            }
            i = next;
        }
        return b.append('"').toString();
    }

    /** One character as it is written in a double-quoted scalar; {@code edge}: next to a line break, where a space would be folded away. */
    private static String escape(int c, boolean edge) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case ' ' -> edge ? "\\x20" : " ";
            default -> printable(c) ? Character.toString(c) : c <= 0xff ? String.format("\\x%02x", c) : String.format("\\u%04x", c);
        };
    }

    /** What may stand unescaped: YAML 1.1's printable characters, less the line and paragraph separators and the byte order mark. */
    private static boolean printable(int c) {
        return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff && c != 0x2028 && c != 0x2029)
                || (c >= 0xe000 && c <= 0xfffd && c != 0xfeff) || (c >= 0x10000 && c <= 0x10ffff);
    }

    /** A host name in a comment: a line break in it would end the comment and start YAML; a character YAML does not print is refused. */
    private static String commentText(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> b.append(printable(c) ? Character.toString(c) : "?"));
        return b.toString();
    }
}
