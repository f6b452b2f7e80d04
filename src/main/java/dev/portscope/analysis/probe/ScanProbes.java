package dev.portscope.analysis.probe;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code scan --probe} and {@code check --probe} found on the open ports, by target.
 *
 * @param asked    whether probes were asked for (their column and field appear only then)
 * @param byTarget the probe of each open target; a port that is not open has none
 */
public record ScanProbes(boolean asked, Map<InetSocketAddress, ProbeResult> byTarget) {

    /** Probes were not asked for. */
    public static final ScanProbes NONE = new ScanProbes(false, Map.of());

    public ScanProbes {
        byTarget = Map.copyOf(byTarget);
    }

    public Optional<ProbeResult> of(InetSocketAddress target) {
        return Optional.ofNullable(byTarget.get(target));
    }

    /** Probes each open target once (a target asked twice is probed once), at most the runner's concurrency at a time. */
    public static ScanProbes of(List<PortCheck> checks, ProbeRunner runner) throws InterruptedException {
        Set<InetSocketAddress> open = new LinkedHashSet<>();
        checks.stream().filter(PortCheck::open).forEach(c -> open.add(c.target()));
        List<ProbeTarget> targets = new ArrayList<>();
        open.forEach(a -> targets.add(new ProbeTarget(a, List.of())));
        Map<InetSocketAddress, ProbeResult> results = new HashMap<>();
        for (ProbeResult r : runner.probe(targets)) {
            results.put(r.target().address(), r);
        }
        return new ScanProbes(true, results);
    }
}
