package dev.portscope.testing;

import dev.portscope.cli.CliEnvironment;
import dev.portscope.platform.Backend;
import dev.portscope.platform.ConnectCalls;
import dev.portscope.platform.Credentials;
import dev.portscope.platform.KernelSettings;
import dev.portscope.platform.Namespaces;
import dev.portscope.platform.Platform;
import dev.portscope.platform.Platforms;
import dev.portscope.platform.SocketCloser;
import dev.portscope.platform.SocketSource;
import dev.portscope.platform.Terminal;
import dev.portscope.platform.TrialBinder;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * This machine, seen through a keyhole: only the sockets on the test's own ports. A command that
 * acts on every listener it sees ({@code audit --probe} connects to each) then touches nothing the
 * test did not start. Everything else is the live platform's.
 */
public final class OwnListeners implements Platform {

    private final Platform live;
    private final Set<Integer> ports;
    private final Optional<Path> services;

    private OwnListeners(Platform live, Set<Integer> ports, Optional<Path> services) {
        this.live = live;
        this.ports = Set.copyOf(ports);
        this.services = services;
    }

    /** An environment like {@link CliRun#run(String...)}'s whose platform shows only sockets on {@code ports}. */
    public static CliEnvironment environment(Integer... ports) {
        return environment(Optional.empty(), ports);
    }

    /** As {@link #environment(Integer...)}, with a services file of the test's own in place of {@code /etc/services}. */
    public static CliEnvironment environment(Optional<Path> servicesFile, Integer... ports) {
        Platform live = Platforms.select(Path.of("/proc"), Path.of("/etc"));
        return new CliEnvironment(Map.of(), false, 0, new OwnListeners(live, Set.of(ports), servicesFile), Clock.systemUTC());
    }

    @Override
    public String name() {
        return live.name();
    }

    @Override
    public List<String> backendNames() {
        return live.backendNames();
    }

    @Override
    public Backend backend(String name, boolean details) {
        Backend b = live.backend(name, details);
        SocketSource all = b.sockets();
        SocketSource own = new SocketSource() {
            @Override
            public String name() {
                return all.name();
            }

            @Override
            public void scan(dev.portscope.query.SocketQuery query, dev.portscope.platform.DiagnosticLog log,
                    java.util.function.Consumer<dev.portscope.model.Socket> sink) {
                all.scan(query, log, s -> {
                    if (ports.contains(s.local().port())) {
                        sink.accept(s);
                    }
                });
            }
        };
        return new Backend(b.name(), own, b.processes());
    }

    @Override
    public SocketSource recorder(OutputStream recording, java.time.Instant time) {
        throw new IllegalArgumentException("no recording through a keyhole");
    }

    @Override
    public Optional<String> hostName() {
        return live.hostName();
    }

    @Override
    public Optional<Path> servicesFile() {
        return services.or(live::servicesFile);
    }

    @Override
    public KernelSettings kernelSettings() {
        return live.kernelSettings();
    }

    @Override
    public Namespaces namespaces() {
        return live.namespaces();
    }

    @Override
    public TrialBinder trialBinder() {
        return live.trialBinder();
    }

    @Override
    public Optional<ConnectCalls.Opener> connectCalls() {
        return live.connectCalls();
    }

    @Override
    public Credentials credentials() {
        return live.credentials();
    }

    @Override
    public Terminal terminal() {
        return live.terminal();
    }

    /** The live closer: it is handed only sockets this keyhole showed. */
    @Override
    public SocketCloser socketCloser() {
        return live.socketCloser();
    }
}
