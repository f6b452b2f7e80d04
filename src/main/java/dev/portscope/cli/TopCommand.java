package dev.portscope.cli;

import dev.portscope.analysis.kill.Lineage;
import dev.portscope.app.Session;
import dev.portscope.app.SessionSetup;
import dev.portscope.engine.Engine;
import dev.portscope.engine.EngineSettings;
import dev.portscope.model.Diagnostic;
import dev.portscope.render.ListingContext;
import dev.portscope.tui.InteractiveTop;
import dev.portscope.tui.PlainTop;
import dev.portscope.tui.SessionActions;
import dev.portscope.tui.TopModel;
import dev.portscope.tui.TopOptions;
import dev.portscope.tui.TopScope;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code portscope top}: the sockets of this machine, refreshed, on a full screen (the {@code tui}
 * package, whose terminal classes load only here), or as a plain table per refresh when standard
 * output is not a terminal.
 */
@Command(name = "top", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Watch sockets and their processes live, as TCPView does: opened rows green, closed ones dimmed red "
                + "for a few refreshes, changed values yellow.",
            "Keys: arrows or j/k select, < > sort, r reverse, / filter, l listeners/connections/all, g group, p pause, "
                    + "Enter details, c close, K stop process, ? all keys, q quit.",
            "When standard output is not a terminal, prints a table per refresh instead."})
final class TopCommand implements Callable<Integer> {

    /** More refreshes than anyone reads; bounds a typo such as --count 10000000000. */
    private static final int MAX_COUNT = 1_000_000;

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILTER", arity = "0..*", description = "The filter to start with, as the listings take it "
            + "(sport = :8080, state established ...); '/' changes it.")
    List<String> filter = List.of();

    @Option(names = "--interval", paramLabel = "TIME",
            description = "Time between refreshes: seconds (2, 0.5, 0.5s) or milliseconds (500ms), from 0.1 s to 1 h (default: 1s).")
    String interval = "1s";

    @Option(names = "--count", paramLabel = "N", description = "End after N refreshes (default: no end).")
    Integer count;

    @Option(names = "--view", paramLabel = "VIEW", description = "Sockets shown at first: all, listeners or connections (default: all); 'l' changes it.")
    String view = "all";

    @Option(names = "--backend", paramLabel = "NAME", description = SourceOptions.BACKEND, completionCandidates = SourceOptions.BackendNames.class)
    String backend = "auto";

    @Option(names = "--replay", paramLabel = "FILE", description = SourceOptions.REPLAY)
    Path replay;

    @Option(names = {"-i", "--info"}, description = SourceOptions.INFO + " Adds RTT-MS and RETRANS columns.")
    boolean info;

    @Mixin
    NamespaceOptions namespaces;

    @Mixin
    NumericOption numeric;

    @Override
    public Integer call() throws Exception {
        CliEnvironment env = parent.env();
        Duration every = interval(interval);
        if (count != null && (count < 1 || count > MAX_COUNT)) {
            throw new UsageException("--count must be from 1 to " + MAX_COUNT + ", not " + count);
        }
        TopScope scope;
        try {
            scope = TopScope.named(view);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--view: " + e.getMessage());
        }
        namespaces.check();
        Session session = Session.open(env.platform(), new SessionSetup(backend, replay, info, namespaces.all, namespaces.namespace), env.clock());
        TopModel model = new TopModel(info, scope, session.services());
        String expression = String.join(" ", filter);
        Optional<String> bad = model.filter(expression);
        if (bad.isPresent()) {
            throw new UsageException(bad.get());
        }
        var options = new TopOptions(every, count == null ? 0 : count, scope, expression, info, env.colour());
        ListingContext context = session.context(numeric.requested(), true, info);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EngineSettings settings = EngineSettings.defaults().withInterval(every);
        if (env.terminal()) {
            var actions = new SessionActions(session, context, Lineage.current());
            Optional<List<Diagnostic>> notes = InteractiveTop.run(session, settings, model, actions, context, options);
            if (notes.isPresent()) {
                Sessions.report(notes.get(), err);
                return notes.get().stream().anyMatch(d -> d.kind().partial()) ? ExitCodes.PARTIAL : ExitCodes.OK;
            }
            err.println("portscope: note: this terminal cannot show a screen (TERM=" + env.variables().getOrDefault("TERM", "")
                    + "): printing a table per refresh");
            err.flush();
        }
        try (Engine engine = Engine.start(session, settings)) {
            boolean partial = PlainTop.run(engine, model, context, options, out, notes -> Sessions.report(notes, err));
            return partial ? ExitCodes.PARTIAL : ExitCodes.OK;
        }
    }

    /**
     * {@code 2}, {@code 0.5}, {@code 0.5s} or {@code 500ms}, read by a pattern (as {@code kill --timeout}),
     * from 0.1 s to 1 h.
     */
    static Duration interval(String text) {
        var m = java.util.regex.Pattern.compile("([0-9]{1,7}(?:\\.[0-9]{1,9})?)(ms|s)?").matcher(text.strip());
        if (!m.matches()) {
            throw new UsageException("--interval must be seconds (2, 0.5, 0.5s) or milliseconds (500ms), not '" + text + "'");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        Duration duration = Duration.ofNanos(number.movePointRight("ms".equals(m.group(2)) ? 6 : 9).longValue());
        if (duration.compareTo(Duration.ofMillis(100)) < 0 || duration.compareTo(Duration.ofHours(1)) > 0) {
            throw new UsageException("--interval must be from 0.1 s to 1 h, not '" + text + "'");
        }
        return duration;
    }
}
