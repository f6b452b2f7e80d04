package dev.portscope.platform;

import dev.portscope.model.Diagnostic;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One operating system's provider of capabilities, picked once by {@link Platforms}. Commands, the
 * application layer and analysis see only these interfaces, never a platform's own classes. A
 * capability the platform lacks says so (an empty answer with a reason), never a made-up value.
 */
public interface Platform {

    /** Short name: {@code linux}. */
    String name();

    /** The socket sources {@code --backend} accepts here, {@code auto} first. */
    List<String> backendNames();

    /**
     * What each of {@link #backendNames()}'s sources fills here (without {@code auto}), for
     * {@code portscope backends}; empty when this platform does not say.
     */
    default List<BackendCapabilities> capabilities() {
        return List.of();
    }

    /** What the named source fills here; empty when this platform does not say (a replay, a scripted platform). */
    default Optional<BackendCapabilities> capabilitiesOf(String backend) {
        if ("auto".equals(backend)) {
            return capabilities().stream().findFirst(); // the first is the one auto prefers
        }
        return capabilities().stream().filter(c -> c.backend().equals(backend)).findFirst();
    }

    /**
     * Sockets, their owners and processes, from the named source.
     *
     * @param details ask for TCP details and socket memory where the source has them
     * @throws IllegalArgumentException when the name is unknown or the source cannot run here (the
     *                                  message says why, for the user)
     */
    Backend backend(String name, boolean details);

    /**
     * A socket source that copies what it reads to {@code recording}, for {@code --replay}, after a
     * header naming this machine, {@code time} and its port settings.
     *
     * @throws IllegalArgumentException when this machine cannot record now (netlink unavailable)
     * @throws UnsupportedOperationException when this platform can never record
     * @throws java.io.UncheckedIOException when the header cannot be written
     */
    SocketSource recorder(OutputStream recording, java.time.Instant time);

    /** This machine's name, or empty when unknown. */
    Optional<String> hostName();

    /** The services database ({@code /etc/services}), or empty when this platform has none. */
    Optional<Path> servicesFile();

    KernelSettings kernelSettings();

    Namespaces namespaces();

    TrialBinder trialBinder();

    /** System-call connects for scans, or empty where only Java's sockets work. */
    Optional<ConnectCalls.Opener> connectCalls();

    Credentials credentials();

    Terminal terminal();

    /**
     * Starts collecting the kernel's notices of sockets that end, for a long-running watch.
     *
     * @param log told why when the platform cannot (no such notices here, a kernel without them, a
     *            refusal)
     * @return the feed, or empty (and {@code log} says why)
     */
    default Optional<SocketEndFeed> socketEndFeed(DiagnosticLog log) {
        log.report(Diagnostic.Kind.UNAVAILABLE,
                "the kernel's notices of closed sockets are not available on " + name()
                        + ": connections shorter than one refresh are missed");
        return Optional.empty();
    }

    /** Closes connections of other processes without stopping them ({@code portscope close}). */
    SocketCloser socketCloser();

    /** Where forwarded and NAT-published ports lead; a platform without containers has none. */
    default ContainerNetworks containerNetworks() {
        return ContainerNetworks.NONE;
    }

    /** The container runtimes' daemons, asked only on request ({@code who --ask-runtime}). */
    default RuntimeDaemons runtimeDaemons() {
        return RuntimeDaemons.NONE;
    }
}
