package dev.portscope.cli;

import dev.portscope.inventory.Inventory;
import dev.portscope.model.Diagnostic;
import dev.portscope.render.ListingContext;
import dev.portscope.services.ServiceTable;
import dev.portscope.source.Backend;
import dev.portscope.source.Backends;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What every command that reads sockets sets up: the backend, the inventory, service names. */
final class Session {

    private final CliEnvironment env;
    private final Backend backend;
    private final Inventory inventory;
    private final String hostName;
    private ServiceTable services;

    private Session(CliEnvironment env, Backend backend) {
        this.env = env;
        this.backend = backend;
        this.hostName = hostName(env);
        this.inventory = new Inventory(backend, env.clock(), hostName);
    }

    String hostName() {
        return hostName;
    }

    static Session open(SourceOptions source, CliEnvironment env) {
        return new Session(env, selectBackend(source, env));
    }

    Backend backend() {
        return backend;
    }

    Inventory inventory() {
        return inventory;
    }

    /** Well-known ports, loaded on first use. */
    ServiceTable services() {
        if (services == null) {
            services = ServiceTable.load(env.etcRoot().resolve("services"));
        }
        return services;
    }

    ListingContext context(boolean numeric, boolean withOwners) {
        return context(numeric, withOwners, false);
    }

    ListingContext context(boolean numeric, boolean withOwners, boolean details) {
        return new ListingContext(services(), inventory::userName, numeric, withOwners, details);
    }

    /** Says each diagnostic once on stderr. */
    static void report(List<Diagnostic> diagnostics, PrintWriter err) {
        for (Diagnostic d : diagnostics) {
            err.println("portscope: " + (d.kind().partial() ? "warning: " : "note: ") + d.message());
        }
        err.flush();
    }

    private static Backend selectBackend(SourceOptions source, CliEnvironment env) {
        if (source.replay != null) {
            if (!"auto".equals(source.backend)) {
                throw new UsageException("--replay and --backend " + source.backend + " exclude each other");
            }
            Path file = source.replay;
            if (!Files.isRegularFile(file)) {
                throw new UsageException("cannot replay " + file + ": no such file");
            }
            if (!Files.isReadable(file)) {
                throw new UsageException("cannot replay " + file + ": permission denied");
            }
            return Backends.replay(file);
        }
        if (source.info && "proc".equals(source.backend)) {
            throw new UsageException("--info needs the netlink backend: /proc/net has no TCP details");
        }
        try {
            return Backends.select(source.backend, env.procRoot(), env.etcRoot(), source.info);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String hostName(CliEnvironment env) {
        try {
            return Files.readString(env.procRoot().resolve("sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
