package dev.portscope.render;

import dev.portscope.model.AddressText;
import dev.portscope.analysis.summary.Count;
import dev.portscope.analysis.summary.SocketSummary;
import dev.portscope.model.IpFamily;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketState;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code portscope summary} for people. */
public final class SummaryTextWriter {

    /** Sections of the summary, as {@code --group-by} names them. */
    public enum Section { STATE, PROCESS, REMOTE }

    private SummaryTextWriter() {}

    public static void write(PrintWriter out, SocketSummary s, Set<Section> sections) {
        out.println("Sockets: " + s.total());
        for (Protocol p : Protocol.values()) {
            Map<IpFamily, Long> f = s.byProtocolFamily().getOrDefault(p, Map.of());
            long all = f.values().stream().mapToLong(Long::longValue).sum();
            out.printf("  %-4s %8d  (ipv4 %d, ipv6 %d)%n", p.label(), all, f.getOrDefault(IpFamily.IPV4, 0L), f.getOrDefault(IpFamily.IPV6, 0L));
        }
        if (sections.contains(Section.STATE)) {
            for (Protocol p : Protocol.values()) {
                Map<SocketState, Long> states = s.byState().getOrDefault(p, Map.of());
                if (states.isEmpty()) {
                    continue;
                }
                StringBuilder line = new StringBuilder("  " + p.label() + " states:");
                states.forEach((state, n) -> line.append(' ').append(state.displayName(p)).append(' ').append(n));
                out.println(line);
            }
            out.println("  CLOSE-WAIT " + s.inState(Protocol.TCP, SocketState.CLOSE_WAIT)
                    + ", TIME-WAIT " + s.inState(Protocol.TCP, SocketState.TIME_WAIT));
            if (!s.closeWaitByProcess().isEmpty()) {
                out.println();
                out.println("CLOSE-WAIT by process (sockets the application has not closed):");
                processes(out, s.closeWaitByProcess());
            }
        }
        if (sections.contains(Section.PROCESS)) {
            out.println();
            out.println("Processes holding the most sockets:");
            processes(out, s.topProcesses());
            if (s.unowned() > 0) {
                out.println("  (" + s.unowned() + " socket(s) with no known process)");
            }
        }
        if (sections.contains(Section.REMOTE)) {
            out.println();
            out.println("Remote hosts with the most connections:");
            if (s.topRemotes().isEmpty()) {
                out.println("  none");
            }
            for (var c : s.topRemotes()) {
                out.printf("  %8d  %s%n", c.count(), AddressText.of(c.key()));
            }
        }
        out.flush();
    }

    private static void processes(PrintWriter out, List<Count<ProcessInfo>> counts) {
        if (counts.isEmpty()) {
            out.println("  none known");
        }
        for (var c : counts) {
            ProcessInfo p = c.key();
            out.printf("  %8d  pid %-7d %-16s %s%n", c.count(), p.pid(), ForeignText.visible(p.name()), ForeignText.visible(p.user()));
        }
    }
}
