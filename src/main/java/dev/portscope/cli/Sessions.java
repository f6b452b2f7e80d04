package dev.portscope.cli;

import dev.portscope.app.Session;
import dev.portscope.model.Diagnostic;
import dev.portscope.render.ForeignText;
import java.io.PrintWriter;
import java.util.List;

/** How a command opens its session and says what kept its answer from being complete. */
final class Sessions {

    private Sessions() {}

    static Session open(SourceOptions source, CliEnvironment env) {
        return Session.open(env.platform(), source.setup(), env.clock());
    }

    /** Says each diagnostic once on stderr. */
    static void report(List<Diagnostic> diagnostics, PrintWriter err) {
        for (Diagnostic d : diagnostics) {
            // messages may quote what other processes chose (names, paths under /proc)
            err.println("portscope: " + (d.kind().partial() ? "warning: " : "note: ") + ForeignText.visible(d.message()));
        }
        err.flush();
    }
}
