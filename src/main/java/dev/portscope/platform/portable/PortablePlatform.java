package dev.portscope.platform.portable;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.Socket;
import dev.portscope.platform.Backend;
import dev.portscope.platform.BackendCapabilities;
import dev.portscope.platform.BindAttempt;
import dev.portscope.platform.BindTrial;
import dev.portscope.platform.ConnectCalls;
import dev.portscope.platform.Credentials;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.KernelSettings;
import dev.portscope.platform.Namespaces;
import dev.portscope.platform.Platform;
import dev.portscope.platform.PortSettings;
import dev.portscope.platform.SocketCloser;
import dev.portscope.platform.SocketSource;
import dev.portscope.platform.TcpCounters;
import dev.portscope.platform.Terminal;
import dev.portscope.platform.TrialBinder;
import dev.portscope.query.SocketQuery;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * Windows, macOS and the other systems OSHI reads: sockets and processes through OSHI, trial binds
 * through Java's sockets, signals through {@link ProcessHandle}; what only Linux can tell (namespaces,
 * the kernel's port settings and counters, closing other processes' connections) says so.
 */
public final class PortablePlatform implements Platform, KernelSettings, Namespaces, TrialBinder, Credentials, Terminal {

    private static final List<String> NAMES = List.of("auto", "portable");

    private final SystemKind system;

    public PortablePlatform(SystemKind system) {
        this.system = system;
    }

    @Override
    public String name() {
        return system.label();
    }

    @Override
    public List<String> backendNames() {
        return NAMES;
    }

    @Override
    public List<BackendCapabilities> capabilities() {
        return List.of(PortableCapabilities.of(system));
    }

    @Override
    public Backend backend(String name, boolean details) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown backend '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
        }
        // details: none here, so a command that would like them (why, health) goes on without
        return PortableBackend.create(system);
    }

    @Override
    public SocketSource recorder(OutputStream recording, Instant time) {
        throw new UnsupportedOperationException("portscope record needs Linux's netlink sock_diag: it cannot run on " + system.label());
    }

    @Override
    public Optional<String> hostName() {
        String name = System.getenv(system == SystemKind.WINDOWS ? "COMPUTERNAME" : "HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        }
        return Optional.of(name.strip());
    }

    @Override
    public Optional<Path> servicesFile() {
        Path file = system == SystemKind.WINDOWS
                ? Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\Windows"), "System32", "drivers", "etc", "services")
                : Path.of("/etc/services");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public KernelSettings kernelSettings() {
        return this;
    }

    @Override
    public Namespaces namespaces() {
        return this;
    }

    @Override
    public TrialBinder trialBinder() {
        return this;
    }

    @Override
    public Optional<ConnectCalls.Opener> connectCalls() {
        return Optional.empty();
    }

    @Override
    public Credentials credentials() {
        return this;
    }

    @Override
    public Terminal terminal() {
        return this;
    }

    @Override
    public SocketCloser socketCloser() {
        return SocketCloser.unsupported("closing another process's connections needs Linux's sock_diag (as ss -K): not available on "
                + system.label());
    }

    // KernelSettings: the port settings are Linux sysctls; elsewhere the defaults are assumed and said so.

    /**
     * Windows and macOS hand out ephemeral ports from IANA's 49152-65535 by default ({@code netsh int
     * ipv4 show dynamicport tcp}, {@code net.inet.ip.portrange.first}) and have no privileged ports;
     * the settings are not read, so each is marked as assumed.
     */
    @Override
    public PortSettings portSettings() {
        if (system != SystemKind.WINDOWS && system != SystemKind.MACOS) {
            return PortSettings.assumedDefaults();
        }
        return new PortSettings(0, 49152, 65535, List.of(), false, false,
                List.of("privileged ports (none)", "ephemeral port range (49152-65535)", "IPV6_V6ONLY default (off)"));
    }

    @Override
    public OptionalInt maxAcceptQueue() {
        return OptionalInt.empty();
    }

    @Override
    public Optional<TcpCounters> tcpCounters(Clock clock, DiagnosticLog log) {
        log.report(Diagnostic.Kind.UNAVAILABLE, "the kernel's TCP counters are read on Linux only: health on "
                + system.label() + " judges the sockets alone");
        return Optional.empty();
    }

    @Override
    public Optional<String> bootId() {
        return Optional.empty();
    }

    // Namespaces: none outside Linux.

    @Override
    public Optional<String> currentId() {
        return Optional.empty();
    }

    @Override
    public List<Socket> otherNamespaceSockets(SocketQuery query, Predicate<Socket> filter, DiagnosticLog log) {
        return List.of();
    }

    // TrialBinder

    @Override
    public BindTrial attempt(BindAttempt attempt) {
        return JavaTrialBind.attempt(attempt);
    }

    @Override
    public BindTrial attemptAs(BindAttempt attempt, int uid) {
        throw new UnsupportedOperationException("a bind as another user can be tried on Linux only");
    }

    // Credentials

    @Override
    public OptionalInt effectiveUid() {
        return OptionalInt.empty();
    }

    /** Windows has no privileged ports; macOS dropped them in 10.14 (any user may bind below 1024). */
    @Override
    public boolean mayBindPrivilegedPorts() {
        return system == SystemKind.WINDOWS || system == SystemKind.MACOS;
    }

    @Override
    public OptionalInt uidOf(String userName) {
        return OptionalInt.empty();
    }

    @Override
    public String userDatabase() {
        return "the user database";
    }

    @Override
    public int columns() {
        return 0;
    }
}
