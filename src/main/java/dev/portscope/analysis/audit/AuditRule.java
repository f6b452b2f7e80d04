package dev.portscope.analysis.audit;

import dev.portscope.model.Snapshot;
import java.util.List;

/** One check of the default rule set: a pure function of a snapshot. */
public sealed interface AuditRule permits ExposedServiceRule, ProgramPortRule, PrivilegedPortRule, CloseWaitRule {

    RuleInfo info();

    /** The findings of this rule on {@code snapshot}, each at the rule's own severity. */
    List<Finding> check(Snapshot snapshot, Thresholds thresholds);
}
