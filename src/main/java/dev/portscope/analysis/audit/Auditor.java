package dev.portscope.analysis.audit;

import dev.portscope.analysis.probe.ProbeResult;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the default rules, a policy and a baseline to a snapshot. Pure.
 *
 * <p>Order of decisions: a listener the policy allows gives no finding from any socket rule; a
 * forbidden port is a finding even when allowed; with a policy, any other listener beyond loopback
 * that no rule reported is reported as not allowed; with a baseline, a listener on a port the
 * baseline lacks is reported unless allowed. Rule settings of the policy apply last.
 */
public final class Auditor {

    private Auditor() {}

    public static AuditReport audit(Snapshot snapshot, Optional<Policy> policyFile, Optional<Baseline> baseline) {
        return audit(snapshot, policyFile, baseline, List.of());
    }

    /** As {@link #audit(Snapshot, Optional, Optional)}, with the results of probing the TCP listeners ({@code audit --probe}). */
    public static AuditReport audit(Snapshot snapshot, Optional<Policy> policyFile, Optional<Baseline> baseline, List<ProbeResult> probes) {
        Policy policy = policyFile.orElse(Policy.NONE);
        List<Finding> found = new ArrayList<>();
        for (AuditRule rule : DefaultRules.RULES) {
            for (Finding f : rule.check(snapshot, policy.thresholds())) {
                boolean socketRule = !(rule instanceof CloseWaitRule);
                if (!socketRule || f.socket() == null || !policy.allows(f.socket(), f.processes())) {
                    found.add(f);
                }
            }
        }
        for (Finding f : ProbeMismatches.of(DefaultRules.PROBED_MISMATCH, snapshot, probes)) {
            if (!policy.allows(f.socket(), f.processes())) {
                found.add(f);
            }
        }
        Set<Long> reported = new HashSet<>();
        found.forEach(f -> reported.add(identity(f.socket())));
        for (Socket s : snapshot.sockets()) {
            if (!s.isListening() || s.local().port() == 0) {
                continue;
            }
            List<ProcessInfo> owners = snapshot.ownersOf(s);
            String where = Listeners.describe(s, owners);
            for (PortMatch forbidden : policy.forbid()) {
                if (forbidden.matches(s)) {
                    found.add(new Finding(DefaultRules.FORBIDDEN, s, owners, "forbidden port " + forbidden + ": " + where));
                    reported.add(identity(s));
                    break;
                }
            }
            boolean allowed = policy.allows(s, owners);
            if (policyFile.isPresent() && !allowed && Listeners.beyondLoopback(s) && !reported.contains(identity(s))) {
                found.add(new Finding(DefaultRules.NOT_ALLOWED, s, owners, "not allowed by the policy: " + where));
            }
            if (baseline.isPresent() && !allowed
                    && baseline.get().find(s.local().port() + "/" + s.protocol().label()).isEmpty()) {
                found.add(new Finding(DefaultRules.NEW_SINCE_BASELINE, s, owners, "new since the baseline of "
                        + baseline.get().time() + ": " + where));
            }
        }
        for (PortMatch required : policy.require()) {
            if (snapshot.sockets().stream().noneMatch(s -> s.isListening() && required.matches(s))) {
                found.add(new Finding(DefaultRules.REQUIRED_MISSING, null, List.of(), "nothing listens on required port " + required));
            }
        }
        List<Finding> settled = new ArrayList<>();
        for (Finding f : found) {
            RuleSetting setting = policy.rules().get(f.rule().id());
            if (setting == null) {
                settled.add(f);
            } else if (setting.enabled()) {
                settled.add(setting.severity() == null ? f : f.withSeverity(setting.severity()));
            }
        }
        settled.sort(Comparator.comparing(Finding::severity).reversed()
                .thenComparing(f -> f.rule().id())
                .thenComparingInt(f -> f.socket() == null ? 0 : f.socket().local().port()));
        return new AuditReport(settled, snapshot.diagnostics(), snapshot.partial());
    }

    /** Sockets without an inode (none listen so) are told apart by port. */
    private static long identity(Socket s) {
        if (s == null) {
            return -1;
        }
        return s.key() != 0 ? s.key() : -(2L + s.local().port());
    }
}
