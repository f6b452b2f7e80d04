package dev.portscope.analysis.audit;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Programs and well-known TCP ports that belong together: a known program listening elsewhere
 * (sshd not on 22), or another program on the port (not a mail server on 25). Both usually mean a
 * service moved to hide, or something posing as one.
 *
 * @param info         what this rule reports
 * @param programPorts for each program name ({@code comm}), the TCP ports it is expected on
 * @param portPrograms for each TCP port, the program names expected on it
 */
public record ProgramPortRule(RuleInfo info, Map<String, Set<Integer>> programPorts, Map<Integer, Set<String>> portPrograms)
        implements AuditRule {

    public ProgramPortRule {
        programPorts = Map.copyOf(programPorts);
        portPrograms = Map.copyOf(portPrograms);
    }

    @Override
    public List<Finding> check(Snapshot snapshot, Thresholds thresholds) {
        List<Finding> found = new ArrayList<>();
        for (Socket s : snapshot.sockets()) {
            if (s.protocol() != Protocol.TCP || !s.isListening()) {
                continue;
            }
            int port = s.local().port();
            List<ProcessInfo> owners = snapshot.ownersOf(s);
            for (ProcessInfo p : owners) {
                Set<Integer> expectedPorts = programPorts.get(p.name());
                if (expectedPorts != null && !expectedPorts.contains(port)) {
                    found.add(new Finding(info, s, owners, p.name() + " (pid " + p.pid() + ") listens on " + port
                            + "/tcp, not on its usual port " + expectedPorts.stream().sorted().toList()));
                    break;
                }
                Set<String> expectedPrograms = portPrograms.get(port);
                if (expectedPrograms != null && !expectedPrograms.contains(p.name())) {
                    found.add(new Finding(info, s, owners, p.name() + " (pid " + p.pid() + ") listens on " + port
                            + "/tcp, a port expected to be served by " + String.join(", ", expectedPrograms.stream().sorted().toList())));
                    break;
                }
            }
        }
        return found;
    }
}
