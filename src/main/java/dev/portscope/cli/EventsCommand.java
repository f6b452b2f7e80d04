package dev.portscope.cli;

import dev.portscope.app.FileException;
import dev.portscope.app.InputFiles;
import dev.portscope.app.OutputFiles;
import dev.portscope.app.Session;
import dev.portscope.app.SessionSetup;
import dev.portscope.app.SetupException;
import dev.portscope.engine.Change;
import dev.portscope.engine.Engine;
import dev.portscope.engine.EngineSettings;
import dev.portscope.engine.Refresh;
import dev.portscope.engine.events.EventJson;
import dev.portscope.engine.events.EventTextWriter;
import dev.portscope.model.Diagnostic;
import dev.portscope.query.SocketQuery;
import dev.portscope.query.filter.Filter;
import dev.portscope.render.ListingContext;
import dev.portscope.render.ListingRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "events", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"One line per change, as it happens: listeners and connections opened and closed (abrupt ends "
                + "marked), state and owner changes, queues crossing a threshold. Connections shorter than a refresh "
                + "are caught from the kernel's notices of closed sockets where it gives them.",
                "Runs until interrupted, or for --duration."})
final class EventsCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    NamespaceOptions namespaces;

    @Mixin
    SelectionOptions selection;

    @Mixin
    FilterOptions filters;

    @Mixin
    JsonOption json;

    @Option(names = "--interval", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Time between refreshes (default: 1s; 0.1s to 1h).")
    Duration interval = EngineSettings.DEFAULT_INTERVAL;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop after this long (default: run until interrupted).")
    Duration duration;

    @Option(names = "--record", paramLabel = "FILE", description = "Also append each event to FILE, as JSON lines.")
    Path record;

    @Option(names = "--replay", paramLabel = "FILE",
            description = "Read events from FILE (written by --record or --json) instead of watching this machine.")
    Path replay;

    @Option(names = "--backend", paramLabel = "NAME", description = "Socket source (default: auto).")
    String backend = "auto";

    @Option(names = {"-i", "--info"}, description = SourceOptions.INFO)
    boolean info;

    @Override
    public Integer call() {
        CliEnvironment env = parent.env();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        filters.checkUsers(env.platform().credentials());
        if (replay != null) {
            if (record != null) {
                throw new UsageException("--replay and --record exclude each other");
            }
            return replay(env, out);
        }
        EngineSettings settings;
        try {
            settings = EngineSettings.defaults().withInterval(interval);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--interval: " + e.getMessage());
        }
        namespaces.check();
        Session session = Session.open(env.platform(), new SessionSetup(backend, null, info, namespaces.all, namespaces.namespace), env.clock());
        Predicate<Change> wanted = wanted(session.services(), session.inventory()::userName);
        ListingContext context = session.context(true, true, info);
        EventTextWriter text = new EventTextWriter(out, session.inventory()::userName);
        String host = session.hostName().orElse(null);
        try (OutputStream recording = record == null ? null : OutputFiles.of(env.platform()).append(record);
                Engine engine = Engine.start(session, settings)) {
            Instant stop = duration == null ? null : env.clock().instant().plus(duration);
            Set<String> said = new HashSet<>();
            long next = System.nanoTime();
            while (true) {
                Refresh refresh = engine.refresh();
                report(refresh.diagnostics(), said, err);
                if (refresh.sequence() == 1) {
                    // as tcpdump's "listening on": what follows are changes since this moment
                    err.println("portscope: watching " + refresh.sightings().size() + " sockets every "
                            + (interval.toMillis() % 1000 == 0 ? dev.portscope.render.Durations.compact(interval) : interval.toMillis() + "ms") + " since " + refresh.time() + "; changes follow");
                    err.flush();
                }
                // with -A, each refresh names the namespaces it read: some come and go with their containers
                var known = refresh.snapshot().namespaces();
                ListingContext named = known.multiple() ? context.withNamespaces(known) : context;
                for (Change change : refresh.changes()) {
                    if (!wanted.test(change)) {
                        continue;
                    }
                    String line = json.requested() || recording != null ? EventJson.line(change, host, named) : null;
                    if (json.requested()) {
                        out.println(line);
                        out.flush();
                    } else {
                        text.write(change, known);
                    }
                    if (recording != null) {
                        recording.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                        recording.flush();
                    }
                }
                if (out.checkError()) {
                    return ExitCodes.OUTPUT_ERROR;
                }
                next += interval.toNanos();
                if (stop != null && env.clock().instant().plusNanos(Math.max(0, next - System.nanoTime())).isAfter(stop)) {
                    return ExitCodes.OK;
                }
                sleepUntil(next);
            }
        } catch (FileException e) {
            throw new SetupException(e.getMessage());
        } catch (IOException e) {
            throw new SetupException("--record " + record + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        }
    }

    private int replay(CliEnvironment env, PrintWriter out) {
        try {
            InputFiles.check(replay, "replay", InputFiles.RECORDING_LIMIT);
        } catch (FileException e) {
            throw new SetupException(e.getMessage());
        }
        var services = Session.services(env.platform());
        Predicate<Change> wanted = wanted(services, uid -> Integer.toString(uid));
        EventTextWriter text = new EventTextWriter(out, uid -> Integer.toString(uid));
        ListingContext context = new ListingContext(services, uid -> Integer.toString(uid), true, true, false);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(Files.newInputStream(replay), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                EventJson.Event event;
                try {
                    event = EventJson.read(line);
                } catch (IllegalArgumentException e) {
                    throw new SetupException(replay + ":" + number + ": " + e.getMessage());
                }
                if (wanted.test(event.change())) {
                    if (json.requested()) {
                        out.println(EventJson.line(event.change(), event.host(), context));
                    } else {
                        text.write(event.change());
                    }
                }
            }
        } catch (IOException e) {
            throw new SetupException("--replay " + replay + ": " + e.getMessage());
        }
        out.flush();
        return out.checkError() ? ExitCodes.OUTPUT_ERROR : ExitCodes.OK;
    }

    /** The selection, the filter expression and the process filters, on the socket and its holders (before or after). */
    private Predicate<Change> wanted(dev.portscope.services.ServiceTable services, java.util.function.IntFunction<String> userNames) {
        SocketQuery query = selection.applyTo(SocketQuery.all());
        Filter filter = filters.socketFilter(services);
        Predicate<ListingRow> rows = filters.rowFilter(userNames);
        return change -> {
            if (!query.matches(change.socket()) || !filter.test(change.socket())) {
                return false;
            }
            if (rows.test(new ListingRow(change.socket(), change.sighting().owners()))) {
                return true;
            }
            return change instanceof Change.OwnerChanged o && rows.test(new ListingRow(o.socket(), o.before().owners()));
        };
    }

    private static void report(List<Diagnostic> diagnostics, Set<String> said, PrintWriter err) {
        List<Diagnostic> fresh = diagnostics.stream().filter(d -> said.add(d.message())).toList();
        if (!fresh.isEmpty()) {
            Sessions.report(fresh, err);
        }
        if (said.size() > 1000) {
            said.clear(); // bounded: a message said long ago may be said again
        }
    }

    /** Sleeps until then; a refresh that took longer than the interval still lets an interrupt through. */
    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        } else if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}
