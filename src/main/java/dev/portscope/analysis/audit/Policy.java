package dev.portscope.analysis.audit;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import java.util.List;
import java.util.Map;

/**
 * What an audit accepts and demands, from a policy file (format in the README).
 *
 * @param allow      listeners that give no finding
 * @param require    ports that must have a listener
 * @param forbid     ports that must have none, whatever the allow list says
 * @param thresholds numbers the rules compare against
 * @param rules      per rule id: disabled, or with another severity
 */
public record Policy(
        List<AllowedListener> allow,
        List<PortMatch> require,
        List<PortMatch> forbid,
        Thresholds thresholds,
        Map<String, RuleSetting> rules) {

    /** No policy: the default rules alone. */
    public static final Policy NONE = new Policy(List.of(), List.of(), List.of(), Thresholds.DEFAULT, Map.of());

    public Policy {
        allow = List.copyOf(allow);
        require = List.copyOf(require);
        forbid = List.copyOf(forbid);
        java.util.Objects.requireNonNull(thresholds, "thresholds");
        rules = Map.copyOf(rules);
    }

    public boolean allows(Socket socket, List<ProcessInfo> owners) {
        return allow.stream().anyMatch(a -> a.allows(socket, owners));
    }
}
