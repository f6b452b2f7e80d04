package dev.portscope.cli.violation;

import dev.portscope.analysis.why.BindAnalyzer;
import dev.portscope.analysis.why.BindReport;
import java.util.List;

/** Deliberately breaks a rule: a command that judges a bind itself instead of through BindLookup. Never run. */
final class CommandAnalysingBinds {

    private CommandAnalysingBinds() {}

    static BindReport judge() {
        return BindAnalyzer.analyze(null, List.of(), null, true, List.of(), null);
    }
}
