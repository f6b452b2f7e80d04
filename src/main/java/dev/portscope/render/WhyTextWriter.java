package dev.portscope.render;

import dev.portscope.model.AddressText;

import dev.portscope.analysis.why.BindReport;
import dev.portscope.analysis.why.BindRequest;
import dev.portscope.platform.BindTrial;
import dev.portscope.analysis.why.BindVerdict;
import dev.portscope.analysis.why.Blocker;
import dev.portscope.analysis.why.OwnedSocket;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.NetNamespace;
import dev.portscope.model.Socket;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code portscope why} for people: the question, each blocker with its sockets, owners and why it
 * blocks, what else is on the port, the kernel's answer when tried, the verdict and a next step.
 */
public final class WhyTextWriter {

    /** Sockets listed per blocker; the rest are counted (JSON lists them all). */
    static final int MAX_SOCKETS_SHOWN = 5;

    private final PrintWriter out;
    private final ListingContext context;

    public WhyTextWriter(PrintWriter out, ListingContext context) {
        this.out = out;
        this.context = context;
    }

    public void write(BindReport report) {
        BindRequest r = report.request();
        out.println("Can " + question(r) + "?");
        if (!report.blockers().isEmpty()) {
            out.println();
            out.println("In the way:");
            for (Blocker b : report.blockers()) {
                writeBlocker(b);
            }
        }
        if (!report.bystanders().isEmpty()) {
            out.println();
            out.println("Also on the port, not in the way:");
            for (OwnedSocket held : report.bystanders()) {
                out.println("  " + socketLine(held.socket(), held.owners()));
            }
        }
        if (!report.foreign().isEmpty()) {
            out.println();
            out.println("In other network namespaces (they do not block a bind here):");
            for (OwnedSocket held : report.foreign()) {
                out.println("  " + socketLine(held.socket(), held.owners()) + "  " + whereHeld(held.socket()));
            }
        }
        if (!report.cautions().isEmpty()) {
            out.println();
            for (String caution : report.cautions()) {
                out.println("Note: " + ForeignText.visible(caution) + ".");
            }
        }
        if (report.trial() != null) {
            out.println();
            out.println("Tried: " + trialText(report.trial()));
        }
        out.println();
        out.println("Verdict: " + verdictText(report));
        out.println("Next step: " + ForeignText.visible(report.nextStep()));
        out.flush();
    }

    /**
     * The namespace and container of a socket in another namespace. A container's port reaches this
     * namespace only when published to it (a forwarding proxy, a NAT rule): then the forwarder, not
     * this socket, is what a bind here meets, and it is listed among the sockets here.
     */
    private String whereHeld(Socket socket) {
        NetNamespace ns = context.namespaces().of(socket);
        if (ns == null) {
            return "netns " + (socket.linux() != null ? socket.linux().netns() : "?");
        }
        String where = "in network namespace " + ForeignText.visible(ns.label()) + (ns.name() != null ? " (" + ns.inode() + ")" : "");
        return ns.container() == null ? where
                : where + ", container " + ForeignText.visible(ns.container().label()) + " (" + ns.container().runtime() + ")";
    }

    static String question(BindRequest r) {
        String where = AddressText.withPort(r.address(), r.family(), r.port());
        StringBuilder options = new StringBuilder();
        if (r.reuseAddress()) {
            options.append(", SO_REUSEADDR");
        }
        if (r.reusePort()) {
            options.append(", SO_REUSEPORT");
        }
        if (r.address().getAddress().length == 16 && r.address().isAnyLocalAddress()) {
            options.append(r.v6Only() ? ", IPv6 only" : ", IPv4 too");
        }
        return r.protocol().label().toUpperCase(java.util.Locale.ROOT) + " " + where + " be bound by " + ForeignText.visible(r.user())
                + " (uid " + r.uid() + options + ")";
    }

    private void writeBlocker(Blocker b) {
        String mark = b.certain() ? "✗" : "?";
        out.println("  " + mark + " " + b.kind().title() + (b.certain() ? "" : " (only if its holder did not set " + b.liftedBy() + ")"));
        int shown = 0;
        for (Socket s : b.sockets()) {
            if (shown == MAX_SOCKETS_SHOWN) {
                out.println("      … and " + (b.sockets().size() - shown) + " more (see --json)");
                break;
            }
            shown++;
            List<ProcessInfo> owners = b.sockets().size() == 1 ? b.owners() : List.of();
            out.println("      " + socketLine(s, owners));
        }
        if (b.sockets().size() > 1 && !b.owners().isEmpty()) {
            out.println("      held by " + owners(b.owners()));
        }
        out.println("      " + ForeignText.visible(b.explanation()) + ".");
    }

    private String socketLine(Socket s, List<ProcessInfo> owners) {
        String line = s.protocol().label() + "  " + AddressText.local(s);
        if (!(s.remote().port() == 0 && s.remote().address().isAnyLocalAddress())) {
            line += " -> " + AddressText.endpoint(s.remote(), s.family());
        }
        line += "  " + s.state().displayName(s.protocol());
        if (s.v6Only() != null && s.family() == dev.portscope.model.IpFamily.IPV6) {
            line += s.v6Only() ? "  v6only" : "";
        }
        line += s.uidKnown() ? "  uid " + s.uid() + (context.numeric() ? "" : " (" + ForeignText.visible(context.userNames().apply(s.uid())) + ")")
                : "  uid -"; // TIME_WAIT: the kernel keeps no owner
        if (!owners.isEmpty()) {
            line += "  " + owners(owners);
        } else if (s.key() != 0) {
            line += "  owner unknown";
        }
        return line;
    }

    private static String owners(List<ProcessInfo> owners) {
        return String.join(", ", owners.stream()
                .map(p -> "pid " + p.pid() + " " + ForeignText.visible(p.name()) + (p.commandLine().isEmpty() ? "" : " (" + CommandLineText.of(p.commandLine()) + ")"))
                .toList());
    }

    private static String trialText(BindTrial t) {
        return t.succeeded() ? "the kernel accepted the bind (the socket was closed at once)."
                : t.step() + "() failed with " + t.error() + ".";
    }

    private static String verdictText(BindReport report) {
        if (report.verdict() == BindVerdict.FREE) {
            return "free.";
        }
        if (report.verdict() == BindVerdict.UNCERTAIN) {
            return "uncertain: it depends on socket options the kernel does not report.";
        }
        Blocker first = report.blockers().stream().filter(Blocker::certain).findFirst()
                .orElse(report.blockers().isEmpty() ? null : report.blockers().getFirst());
        if (first == null) {
            return "blocked (the kernel refused it).";
        }
        String by = first.owners().isEmpty() ? "" : ", held by " + ForeignText.visible(first.owners().getFirst().name()) + " (pid " + first.owners().getFirst().pid() + ")";
        return "blocked: " + first.kind().title() + by + ".";
    }
}
