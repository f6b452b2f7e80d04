package dev.portscope.app;

import dev.portscope.platform.Backend;
import dev.portscope.platform.Platform;
import dev.portscope.platform.Platforms;
import dev.portscope.render.ListingContext;
import dev.portscope.services.ServiceTable;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What every consumer of sockets sets up once: the platform's backend (or a replay), the inventory
 * over it and the service names. The CLI opens one per command; a long-running engine or a server
 * keeps one.
 */
public final class Session {

    private final Platform platform;
    private final Backend backend;
    private final Inventory inventory;
    private final String hostName;
    private ServiceTable services;

    private Session(Platform platform, Backend backend, Clock clock) {
        this.platform = platform;
        this.backend = backend;
        this.hostName = platform.hostName().orElse("localhost");
        this.inventory = new Inventory(backend, clock, hostName);
    }

    /**
     * @throws SetupException when the backend cannot run here or the recording cannot be read
     */
    public static Session open(Platform platform, SessionSetup setup, Clock clock) {
        return new Session(platform, backend(platform, setup), clock);
    }

    public Platform platform() {
        return platform;
    }

    public String hostName() {
        return hostName;
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
        return new ListingContext(services(), inventory::userName, numeric, withOwners, details);
    }

    private static Backend backend(Platform platform, SessionSetup setup) {
        if (setup.isReplay()) {
            if (!"auto".equals(setup.backend())) {
                throw new SetupException("--replay and --backend " + setup.backend() + " exclude each other");
            }
            Path file = setup.replay();
            try {
                // checked before it is opened: a FIFO or /dev/zero would hang, and a recording is mapped whole
                InputFiles.check(file, "replay", InputFiles.RECORDING_LIMIT);
            } catch (FileException e) {
                throw new SetupException(e.getMessage());
            }
            return Platforms.replay(file);
        }
        if (setup.details() && "proc".equals(setup.backend())) {
            throw new SetupException("--info needs the netlink backend: /proc/net has no TCP details");
        }
        try {
            return platform.backend(setup.backend() == null ? "auto" : setup.backend(), setup.details());
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage());
        }
    }
}
