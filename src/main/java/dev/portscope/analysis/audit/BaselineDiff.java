package dev.portscope.analysis.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Compares two baselines, listener by listener (protocol and port). Pure. */
public final class BaselineDiff {

    private BaselineDiff() {}

    /** The changes from {@code before} to {@code now}, by port; a listener may both change owner and exposure. */
    public static List<ListenerChange> compare(Baseline before, Baseline now) {
        Map<String, BaselineListener> old = before.listeners().stream()
                .collect(Collectors.toMap(BaselineListener::key, Function.identity()));
        Map<String, BaselineListener> current = now.listeners().stream()
                .collect(Collectors.toMap(BaselineListener::key, Function.identity()));
        List<ListenerChange> changes = new ArrayList<>();
        for (BaselineListener l : now.listeners()) {
            BaselineListener was = old.get(l.key());
            if (was == null) {
                changes.add(new ListenerChange.Appeared(l));
                continue;
            }
            if (!was.processes().equals(l.processes()) || !was.users().equals(l.users())) {
                changes.add(new ListenerChange.OwnerChanged(was, l));
            }
            if (was.exposure() != l.exposure()) {
                changes.add(new ListenerChange.ExposureChanged(was, l));
            }
        }
        for (BaselineListener l : before.listeners()) {
            if (!current.containsKey(l.key())) {
                changes.add(new ListenerChange.Disappeared(l));
            }
        }
        changes.sort(java.util.Comparator.comparingInt((ListenerChange c) -> c.listener().port())
                .thenComparing(c -> c.listener().protocol()));
        return changes;
    }
}
