package dev.portscope.cli;

import dev.portscope.app.Session;

import dev.portscope.analysis.probe.ExcludedPorts;
import dev.portscope.analysis.probe.ProbeResult;
import dev.portscope.analysis.probe.ProbeRunner;
import dev.portscope.analysis.probe.ProbeTarget;
import dev.portscope.analysis.probe.ProbeTargets;
import dev.portscope.analysis.probe.ProbeTimeouts;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.query.PortTarget;
import dev.portscope.query.SocketQuery;
import dev.portscope.render.ProbeJsonWriter;
import dev.portscope.render.ProbeTextWriter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "probe", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"What each local TCP listener really speaks: waits for a banner, then tries TLS, HTTP, Redis, memcached, "
                + "PostgreSQL and DNS, and flags ports whose protocol contradicts the service their number is registered to (a service on a "
                + "non-standard port is only noted). UDP listeners on 53, and UDP ports "
                + "named as PORT/udp, are asked a DNS question.",
            "Ports given to --exclude are never connected to, even when named.",
            "Each port's probes end after 5 times --timeout, all of them after 30 s (or 10 times --timeout if longer); "
                    + "a port not finished by then is reported as timed out.",
            "Exit status 0 when nothing contradicts its port, 1 when a port does or a PORT asked for has no listener, "
                    + "3 when a port's probes timed out."})
final class ProbeCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    /** UDP listeners of this port are probed by default: the DNS question is harmless to any DNS server. */
    private static final int DNS_PORT = 53;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PORT", arity = "0..*",
            description = "Ports to probe: 8080, :8080, 5353/udp or a service name (default: every TCP listener and the UDP listeners on 53).")
    List<String> ports = List.of();

    @Option(names = "--timeout", paramLabel = "MS", description = "Milliseconds to wait for a connect or a reply (default: ${DEFAULT-VALUE}); "
            + "a port's probes end after 5 times this.")
    long timeoutMillis = 1000;

    @Option(names = "--concurrency", paramLabel = "N", description = "Ports probed at once (default: ${DEFAULT-VALUE}).")
    int concurrency = 16;

    @Mixin
    JsonOption json;

    @Mixin
    ExcludeOption exclude;

    @Mixin
    SourceOptions source;

    @Override
    public Integer call() throws InterruptedException {
        if (timeoutMillis < 1 || timeoutMillis > 60_000) {
            throw new UsageException("--timeout must be between 1 and 60000 ms, not " + timeoutMillis);
        }
        ExcludedPorts excluded = exclude.excluded();
        source.namespaces.refuse("probe");
        Session session = Sessions.open(source, parent.env());
        ProbeRunner runner; // made before any socket is read: a bad limit costs no inventory
        try {
            runner = new ProbeRunner(Duration.ofMillis(timeoutMillis), concurrency, session.services());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Set<String> asked = new LinkedHashSet<>(); // "53/udp": a port without protocol is TCP, the protocol of most probes
        for (String p : ports) {
            try {
                PortTarget target = PortTarget.parse(p, session.services());
                asked.add(target.port() + "/" + target.protocol().orElse(Protocol.TCP).label());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        BiPredicate<Protocol, Integer> wanted = asked.isEmpty() ? (protocol, port) -> protocol == Protocol.TCP || port == DNS_PORT
                : (protocol, port) -> asked.contains(port + "/" + protocol.label());
        Snapshot snapshot = session.inventory().take(SocketQuery.listening(),
                s -> wanted.test(s.protocol(), s.local().port()), !source.noProcess);
        ProbeTargets.Selection selection = ProbeTargets.select(snapshot, wanted, excluded);
        List<ProbeResult> results = runner.probe(selection.probed());
        PrintWriter out = spec.commandLine().getOut();
        if (json.requested()) {
            ProbeJsonWriter.write(out, results, Version.envelope(snapshot), snapshot.diagnostics());
        } else {
            ProbeTextWriter.write(out, results);
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        List<String> missing = new ArrayList<>(asked);
        for (List<ProbeTarget> found : List.of(selection.probed(), selection.excluded())) {
            found.forEach(t -> missing.remove(t.port() + "/" + t.protocol().label()));
        }
        ExcludeOption.report(selection.excluded(), err);
        for (String key : missing) {
            String[] portAndProtocol = key.split("/");
            err.println("portscope: nothing listens on " + portAndProtocol[1].toUpperCase(java.util.Locale.ROOT) + " port " + portAndProtocol[0]);
        }
        Sessions.report(snapshot.diagnostics(), err);
        Optional<Diagnostic> timedOut = ProbeTimeouts.of(results);
        Sessions.report(timedOut.stream().toList(), err);
        boolean mismatch = results.stream().anyMatch(r -> r.mismatch().isPresent());
        return mismatch || !missing.isEmpty() ? ExitCodes.NOT_FOUND : timedOut.isPresent() ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
}
