package dev.portscope.analysis.audit;

/**
 * What a policy says about one rule.
 *
 * @param enabled  false to drop the rule's findings
 * @param severity the severity its findings take; null to keep the rule's own
 */
public record RuleSetting(boolean enabled, Severity severity) {

    public static final RuleSetting OFF = new RuleSetting(false, null);
}
