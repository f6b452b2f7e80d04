package dev.portscope.analysis.close;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code close} would do: the connections it would close, in the kernel's order, and how many
 * sockets the filter selected that it leaves alone, by reason.
 */
public record ClosePlan(List<Connection> targets, Map<LeftOut, Integer> leftOut) {

    public ClosePlan {
        targets = List.copyOf(targets);
        EnumMap<LeftOut, Integer> counts = new EnumMap<>(LeftOut.class);
        for (LeftOut reason : LeftOut.values()) {
            counts.put(reason, leftOut.getOrDefault(reason, 0));
        }
        leftOut = Map.copyOf(counts);
    }

    /** How many selected sockets were left out for this reason. */
    public int leftOut(LeftOut reason) {
        return leftOut.get(reason);
    }
}
