package dev.portscope.analysis.audit;

import dev.portscope.analysis.probe.ProbeResult;
import dev.portscope.analysis.probe.ProbeTimeouts;
import dev.portscope.model.Diagnostic;
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
        oneRulePerListener(settled);
        settled.sort(Comparator.comparing(Finding::severity).reversed()
                .thenComparing(f -> f.rule().id())
                .thenComparingInt(f -> f.socket() == null ? 0 : f.socket().local().port()));
        List<Diagnostic> diagnostics = new ArrayList<>(snapshot.diagnostics());
        Optional<Diagnostic> timedOut = ProbeTimeouts.of(probes); // PS008 cannot speak for those ports: the audit is incomplete
        timedOut.ifPresent(diagnostics::add);
        return new AuditReport(settled, diagnostics, snapshot.partial() || timedOut.isPresent());
    }

    /**
     * PS004 (program and port, from process names) and PS008 (protocol and port, from probes) can
     * both speak of one listener: sshd on 25 is "sshd not on 22" and "smtp expected on 25, got ssh".
     * That is one fact; PS008 says it with the server's own words, so it alone is kept. (A service
     * on a non-standard port, sshd on 2222, is no PS008 finding: PS004 alone reports it.) Applied
     * after the policy's rule settings, so that turning PS008 off brings PS004 back.
     */
    private static void oneRulePerListener(List<Finding> settled) {
        Set<Long> contradicted = new HashSet<>();
        settled.stream().filter(f -> f.rule().id().equals(DefaultRules.PROBED_MISMATCH.id())).forEach(f -> contradicted.add(identity(f.socket())));
        settled.removeIf(f -> f.rule().id().equals(DefaultRules.PROGRAM_PORT.id()) && contradicted.contains(identity(f.socket())));
    }

    /** Sockets without an inode (none listen so) are told apart by port. */
    private static long identity(Socket s) {
        if (s == null) {
            return -1;
        }
        return s.key() != 0 ? s.key() : -(2L + s.local().port());
    }
}
