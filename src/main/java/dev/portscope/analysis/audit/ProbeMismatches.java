package dev.portscope.analysis.audit;

import dev.portscope.analysis.probe.ExpectedProtocols;
import dev.portscope.analysis.probe.ProbeResult;
import dev.portscope.model.AddressClaim;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code audit --probe} adds: a finding for each TCP listener whose probed protocol contradicts
 * the service its port is registered to ({@code ssh expected on 22, got http}). A known service on a
 * non-standard port ({@code ssh on 2222}) is not one (see {@link dev.portscope.analysis.probe.PortFit}).
 * Pure: the probes were run before, by the caller.
 */
public final class ProbeMismatches {

    private ProbeMismatches() {}

    /** One finding per probed port with a mismatch, about the listener of {@code snapshot} that was probed. */
    public static List<Finding> of(RuleInfo rule, Snapshot snapshot, List<ProbeResult> results) {
        List<Finding> found = new ArrayList<>();
        for (ProbeResult r : results) {
            if (r.mismatch().isEmpty()) {
                continue;
            }
            Optional<Socket> socket = probed(snapshot, r);
            if (socket.isEmpty()) {
                continue; // closed between the snapshot and the probe: nothing left to report on
            }
            List<ProcessInfo> owners = snapshot.ownersOf(socket.get());
            String what = ExpectedProtocols.fit(r.target().port(), r.service(), r.detection().protocol(), "").words();
            found.add(new Finding(rule, socket.get(), owners, what + " (" + r.detection().evidence() + "): "
                    + Listeners.describe(socket.get(), owners)));
        }
        return found;
    }

    /**
     * The listener a probe reached: the one bound to the address it connected to, else a wildcard
     * listener of the port (probes reach those through loopback).
     */
    private static Optional<Socket> probed(Snapshot snapshot, ProbeResult r) {
        int port = r.target().port();
        List<Socket> listeners = snapshot.sockets().stream()
                .filter(s -> s.protocol() == r.target().protocol() && s.isListening() && s.local().port() == port).toList();
        return listeners.stream().filter(s -> s.local().address().equals(r.target().address().getAddress())).findFirst()
                .or(() -> listeners.stream().filter(s -> s.local().address().isAnyLocalAddress()
                        && AddressClaim.takes(s, r.target().address().getAddress()) != AddressClaim.Answer.NO).findFirst());
    }
}
