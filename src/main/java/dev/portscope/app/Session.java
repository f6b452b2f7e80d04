package dev.portscope.app;

import dev.portscope.platform.Backend;
import dev.portscope.platform.Capability;
import dev.portscope.platform.KernelSettings;
import dev.portscope.platform.Platform;
import dev.portscope.platform.Platforms;
import dev.portscope.platform.Recording;
import dev.portscope.render.ListingContext;
import dev.portscope.services.ServiceTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What every consumer of sockets sets up once: the platform's backend (or a replay), the inventory
 * over it and the service names. The CLI opens one per command; a long-running engine or a server
 * keeps one.
 */
public final class Session {

    private final Platform platform;
    private final Backend backend;
    private final Inventory inventory;
    private final Optional<String> hostName;
    private final KernelSettings kernel;
    private final Clock clock;
    private final boolean replay;
    private ServiceTable services;

    private Session(Platform platform, Backend backend, Optional<String> hostName, KernelSettings kernel, Clock clock,
            boolean replay) {
        this.platform = platform;
        this.replay = replay;
        this.backend = backend;
        this.hostName = hostName;
        this.kernel = kernel;
        this.clock = clock;
        this.inventory = new Inventory(backend, clock, hostName.orElse(null));
    }

    /**
     * A session on this machine, or on a recording: then its host, time and settings are the
     * recording's, or unknown, never this machine's.
     *
     * @throws SetupException when the backend cannot run here or the recording cannot be read
     */
    public static Session open(Platform platform, SessionSetup setup, Clock clock) {
        if (setup.isReplay()) {
            Recording recording = replay(setup);
            Clock recorded = recording.time().map(t -> Clock.fixed(t, ZoneOffset.UTC)).orElse(clock);
            return new Session(platform, recording.backend(), recording.host(), recording.kernel(), recorded, true);
        }
        Backend backend = backend(platform, setup);
        if (setup.spansNamespaces()) {
            backend = acrossNamespaces(platform, backend, setup);
        }
        return new Session(platform, backend, platform.hostName(), platform.kernelSettings(), clock, false);
    }

    /**
     * The backend reading every network namespace, or the one {@code --namespace} names. A name is
     * resolved once, to the namespace's inode: a container restarted meanwhile has a new namespace.
     */
    private static Backend acrossNamespaces(Platform platform, Backend own, SessionSetup setup) {
        long chosen = 0;
        if (setup.namespace() != null) {
            var log = new dev.portscope.platform.DiagnosticLog();
            var all = platform.namespaces().list(log).stream()
                    .map(ns -> Inventory.withContainer(ns, own.processes()))
                    .toList();
            chosen = NamespaceChoice.pick(setup.namespace(), all).inode();
        }
        try {
            return new Backend(own.name(), platform.namespaces().acrossNamespaces(own, setup.details(), chosen), own.processes());
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage());
        }
    }

    /** True when the sockets are a recording's, not this machine's. */
    public boolean isReplay() {
        return replay;
    }

    public Platform platform() {
        return platform;
    }

    /** The name of the machine the sockets are of; empty when unknown (a recording that does not say). */
    public Optional<String> hostName() {
        return hostName;
    }

    /**
     * The settings of the kernel the sockets are of: this machine's, or a recording's (with those it
     * lacks assumed, and said so).
     */
    public KernelSettings kernel() {
        return kernel;
    }

    /** The clock snapshots are stamped with: a replay's stands still at the recording's time, when it has one. */
    public Clock clock() {
        return clock;
    }

    public Backend backend() {
        return backend;
    }

    public Inventory inventory() {
        return inventory;
    }

    /** Well-known ports, loaded on first use. */
    public ServiceTable services() {
        if (services == null) {
            services = services(platform);
        }
        return services;
    }

    /** The platform's services database, or the built-in table where it has none. */
    public static ServiceTable services(Platform platform) {
        return platform.servicesFile().map(ServiceTable::load).orElseGet(ServiceTable::embedded);
    }

    public ListingContext context(boolean numeric, boolean withOwners) {
        return context(numeric, withOwners, false);
    }

    public ListingContext context(boolean numeric, boolean withOwners, boolean details) {
        return new ListingContext(services(), inventory::userName, numeric, withOwners, details, inventory.namespaces());
    }

    private static Recording replay(SessionSetup setup) {
        if (!"auto".equals(setup.backend())) {
            throw new SetupException("--replay and --backend " + setup.backend() + " exclude each other");
        }
        if (setup.spansNamespaces()) {
            throw new SetupException("--replay reads the one network namespace that was recorded: "
                    + (setup.allNamespaces() ? "-A" : "--namespace") + " does not apply");
        }
        Path file = setup.replay();
        try {
            // checked before it is opened: a FIFO or /dev/zero would hang, and a recording is mapped whole
            InputFiles.check(file, "replay", InputFiles.RECORDING_LIMIT);
        } catch (FileException e) {
            throw new SetupException(e.getMessage());
        }
        return Platforms.replay(file, setup.details());
    }

    /**
     * Whether the named backend has TCP details here, by its capability table: commands that would
     * like them (why, health) ask only where they are.
     */
    public static boolean detailsAvailable(Platform platform, String backend) {
        return platform.capabilitiesOf(backend).map(c -> c.has(Capability.TCP_INFO)).orElse(true);
    }

    private static Backend backend(Platform platform, SessionSetup setup) {
        String name = setup.backend() == null ? "auto" : setup.backend();
        if (setup.details() && !detailsAvailable(platform, name)) {
            throw new SetupException("--info needs the netlink backend: the " + platform.capabilitiesOf(name).map(c -> c.backend()).orElse(name)
                    + " backend has no TCP details (" + platform.capabilitiesOf(name).map(c -> c.whyMissing(Capability.TCP_INFO)).orElse("") + ")");
        }
        try {
            return platform.backend(setup.backend() == null ? "auto" : setup.backend(), setup.details());
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage());
        }
    }
}
