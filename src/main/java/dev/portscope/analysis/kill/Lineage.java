package dev.portscope.analysis.kill;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * portscope's own process and the processes that started it, nearest first (its shell, the
 * terminal, ...). {@code kill} never signals any of them: stopping an ancestor would stop the
 * command that asked, and when an ancestor holds the socket by inheritance portscope holds it too,
 * so the port could not be freed that way.
 *
 * @param self      portscope's pid
 * @param ancestors its parent, grandparent and so on, up to the first one that is gone or unknown
 */
public record Lineage(long self, List<Long> ancestors) {

    /** Far more generations than any real chain of shells; a bound on a walk through pids that may be reused. */
    private static final int MAX_GENERATIONS = 64;

    public Lineage {
        ancestors = List.copyOf(ancestors);
    }

    /** This JVM and its ancestors, from {@link ProcessHandle#parent()}. */
    public static Lineage current() {
        ProcessHandle self = ProcessHandle.current();
        List<Long> ancestors = new ArrayList<>();
        Optional<ProcessHandle> next = self.parent();
        while (next.isPresent() && ancestors.size() < MAX_GENERATIONS && !ancestors.contains(next.get().pid())) {
            ancestors.add(next.get().pid());
            next = next.get().parent();
        }
        return new Lineage(self.pid(), ancestors);
    }

    /** 1 for portscope's parent, 2 for its grandparent...; 0 when {@code pid} is not an ancestor. */
    public int generation(long pid) {
        return ancestors.indexOf(pid) + 1;
    }

    /** "parent", "grandparent", "great-grandparent", then "ancestor (N generations up)". */
    public static String relation(int generation) {
        return switch (generation) {
            case 1 -> "parent";
            case 2 -> "grandparent";
            case 3 -> "great-grandparent";
            default -> "ancestor (" + generation + " generations up)";
        };
    }
}
