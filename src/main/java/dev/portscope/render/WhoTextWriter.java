package dev.portscope.render;

import dev.portscope.model.AddressText;

import dev.portscope.analysis.forward.ForwarderCommandLine;
import dev.portscope.analysis.forward.Forwarding;
import dev.portscope.analysis.who.Holding;
import dev.portscope.analysis.who.HoldingRole;
import dev.portscope.analysis.who.PortReport;
import dev.portscope.model.Exposure;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.PortForward;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.model.NetNamespace;
import dev.portscope.model.Socket;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code portscope who} for people: listeners first, each owner described once in full (command
 * line, user, uptime, unit or container), connections in short lines, long groups capped.
 */
public final class WhoTextWriter {

    /** Beyond this many connections of one kind, the rest are counted, not listed (JSON lists them all). */
    static final int MAX_CONNECTIONS_SHOWN = 20;

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final ListingContext context;
    private final Map<Integer, ProcessOrigin> origins;
    private final Instant now;
    private final Set<Integer> described = new HashSet<>();
    private final Map<Integer, Forwarding> proxies;
    private final List<Forwarding> published;

    public WhoTextWriter(PrintWriter out, ListingContext context, Map<Integer, ProcessOrigin> origins, Instant now) {
        this(out, context, origins, now, Map.of(), List.of());
    }

    /**
     * @param proxies   by a forwarding process's pid ({@code docker-proxy}), where it forwards to
     * @param published the NAT rules that publish the port, and where they lead
     */
    public WhoTextWriter(PrintWriter out, ListingContext context, Map<Integer, ProcessOrigin> origins, Instant now,
            Map<Integer, Forwarding> proxies, List<Forwarding> published) {
        this.out = out;
        this.context = context;
        this.origins = origins;
        this.now = now;
        this.proxies = proxies;
        this.published = published;
    }

    public void write(PortReport report) {
        String port = "port " + report.target().label();
        if (report.held()) {
            out.println(capitalised(port) + " is held on this machine.");
        } else if (report.maybeHeld()) {
            out.println(capitalised(port) + " may be held on this machine: by an IPv6 wildcard socket whose IPV6_V6ONLY flag "
                    + "was not reported (the netlink backend reports it).");
        } else if (!published.isEmpty()) {
            out.println(capitalised(port) + " is published by NAT rules on this machine: no socket holds it here, "
                    + "connections to it are sent on to the rules' targets.");
        } else {
            out.println("Nothing holds " + port + " on this machine.");
        }
        for (HoldingRole role : HoldingRole.values()) {
            List<Holding> group = report.inRole(role);
            if (group.isEmpty()) {
                continue;
            }
            out.println();
            out.println(capitalised(role.title()) + ":");
            boolean detailed = role == HoldingRole.LISTENER || role == HoldingRole.BOUND;
            int shown = 0;
            for (Holding h : group) {
                if (!detailed && shown == MAX_CONNECTIONS_SHOWN) {
                    out.println("  … and " + (group.size() - shown) + " more (see --json)");
                    break;
                }
                shown++;
                if (detailed) {
                    writeServer(h);
                } else {
                    writeConnection(h);
                }
            }
        }
        if (!published.isEmpty()) {
            out.println();
            out.println("Published by NAT rules (the kernel rewrites the destination before any socket here sees it):");
            for (Forwarding f : published) {
                out.println("  " + PublishedPortsText.line(f.forward()));
                writeDestination(f, "      ");
            }
        }
        out.flush();
    }

    /** Where a forward leads: the namespace owning its target, and the listeners and their holders there. */
    private void writeDestination(Forwarding f, String indent) {
        PortForward rule = f.forward();
        if (f.namespace() == null) {
            out.println(indent + "no network namespace on this machine owns " + AddressText.of(rule.target())
                    + " (another machine, or a namespace that could not be read)");
            return;
        }
        if (f.targets().isEmpty()) {
            out.println(indent + "in network namespace " + f.namespace() + ", where nothing listens on " + rule.protocol().label()
                    + " port " + rule.effectiveTargetPort());
            return;
        }
        out.println(indent + "in network namespace " + f.namespace() + ":");
        for (Forwarding.Target t : f.targets()) {
            Socket s = t.socket();
            out.println(indent + "  " + Column.PROTO.value(new ListingRow(s, t.owners()), context) + "  " + AddressText.local(s) + "  "
                    + s.state().displayName(s.protocol()));
            if (t.owners().isEmpty()) {
                out.println(indent + "      owner unknown (no readable process holds it)");
            }
            for (ProcessInfo p : t.owners()) {
                describe(p, indent + "    ");
            }
        }
    }

    private void writeServer(Holding h) {
        Socket s = h.socket();
        String where = AddressText.local(s);
        out.println("  " + Column.PROTO.value(new ListingRow(s, h.owners()), context) + "  " + where + "  "
                + s.state().displayName(s.protocol()) + "  exposure: " + Exposure.label(s.local()) + namespaceOf(s));
        if (!h.certain()) {
            out.println("      takes IPv4 addresses too only if IPV6_V6ONLY is off, which was not reported");
        }
        if (h.owners().isEmpty()) {
            String uid = s.uidKnown() ? "socket uid " + s.uid() + " " + ForeignText.visible(context.userNames().apply(s.uid())) + "; " : "";
            out.println("      owner unknown (" + uid + "no readable process holds it: see the notes on standard error)");
        }
        for (ProcessInfo p : h.owners()) {
            describe(p, "      ");
        }
    }

    private void writeConnection(Holding h) {
        Socket s = h.socket();
        String owners = h.owners().isEmpty()
                ? "-"
                : String.join(", ", h.owners().stream().map(p -> ForeignText.visible(p.name()) + " (pid " + p.pid() + ")").toList());
        out.println("  " + Column.PROTO.value(new ListingRow(s, h.owners()), context) + "  "
                + padRight(s.state().displayName(s.protocol()), 11)
                + AddressText.local(s) + " -> " + AddressText.endpoint(s.remote(), s.family())
                + "   " + owners + namespaceOf(s));
    }

    /** Where the socket lives, when the answer spans several network namespaces ({@code -A}); else nothing. */
    private String namespaceOf(Socket s) {
        if (!context.namespaces().multiple()) {
            return "";
        }
        NetNamespace ns = context.namespaces().of(s);
        if (ns == null) {
            return "  namespace ?";
        }
        return "  namespace " + ForeignText.visible(ns.label())
                + (ns.container() == null ? "" : ", container " + ForeignText.visible(ns.container().label()));
    }

    private void describe(ProcessInfo p, String indent) {
        if (!described.add(p.pid())) {
            out.println(indent + ForeignText.visible(p.name()) + " (pid " + p.pid() + "), described above");
            return;
        }
        StringBuilder line = new StringBuilder(indent).append(ForeignText.visible(p.name())).append(" (pid ").append(p.pid());
        if (p.parentPid() > 0) {
            line.append(", parent ").append(p.parentPid());
        }
        line.append("), user ").append(ForeignText.visible(p.user()));
        if (p.startTime() != null) {
            line.append(", up ").append(Durations.compact(Duration.between(p.startTime(), now)))
                    .append(" (since ").append(STARTED.format(p.startTime())).append(')');
        }
        out.println(line);
        ProcessOrigin origin = origins.getOrDefault(p.pid(), ProcessOrigin.NONE);
        if (origin.systemdUnit() != null) {
            out.println(indent + "  unit: " + ForeignText.visible(origin.systemdUnit()) + (origin.userUnit() ? " (user service)" : ""));
        }
        if (origin.container() != null) {
            out.println(indent + "  container: " + ForeignText.visible(origin.container().label()) + " (" + origin.container().runtime() + ")");
        }
        out.println(indent + "  command: " + (p.commandLine().isEmpty() ? "[" + ForeignText.visible(p.name()) + "]" : CommandLineText.of(p.commandLine())));
        if (ForwarderCommandLine.isRootlessport(p)) {
            out.println(indent + "  Podman's rootless port forwarder: its mapping was handed to it on a pipe and cannot be read here "
                    + "(podman port --all shows it)");
        }
        Forwarding forwarding = proxies.get(p.pid());
        if (forwarding != null) {
            out.println(indent + "  forwards to " + forwarding.forward().targetText() + " (" + forwarding.forward().protocol().label() + ")");
            writeDestination(forwarding, indent + "    ");
        }
        if (p.executableDeleted()) {
            out.println(indent + "  executable deleted since it started: " + CommandLineText.of(java.util.List.of(p.executable()))
                    + " (replaced by an upgrade, or removed; restart it to run the file on disk)");
        }
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String padRight(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
