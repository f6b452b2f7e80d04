package dev.portscope.analysis.health;

import dev.portscope.model.ProcessInfo;
import java.util.List;
import java.util.Objects;

/**
 * One diagnosis of {@code portscope health}.
 *
 * @param check     the check that found it ({@code close-wait}, {@code accept-queue}, …)
 * @param level     how much it matters
 * @param what      one line naming the port, peer or process
 * @param evidence  the kernel's facts behind it, one per line
 * @param cause     the likely cause
 * @param action    what to do
 * @param processes the processes concerned, if known
 */
public record HealthFinding(
        String check, Level level, String what, List<String> evidence, String cause, String action, List<ProcessInfo> processes) {

    public HealthFinding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(what, "what");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(action, "action");
        processes = List.copyOf(processes);
    }
}
