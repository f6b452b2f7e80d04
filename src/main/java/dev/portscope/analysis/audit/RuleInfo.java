package dev.portscope.analysis.audit;

import java.util.Objects;

/**
 * What a rule checks, as people read it.
 *
 * @param id       stable identifier ({@code PS001}), used by policies and SARIF
 * @param severity severity of its findings unless a policy changes it
 * @param title    one line saying what is wrong and why it matters
 * @param fix      one line saying what to do about it
 */
public record RuleInfo(String id, Severity severity, String title, String fix) {

    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(fix, "fix");
    }
}
