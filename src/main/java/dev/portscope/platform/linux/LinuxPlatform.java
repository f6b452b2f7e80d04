package dev.portscope.platform.linux;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.NetNamespace;
import dev.portscope.model.Socket;
import dev.portscope.platform.Backend;
import dev.portscope.platform.BindAttempt;
import dev.portscope.platform.BindTrial;
import dev.portscope.platform.ContainerNetworks;
import dev.portscope.platform.RuntimeDaemons;
import dev.portscope.platform.ConnectCalls;
import dev.portscope.platform.Credentials;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.KernelSettings;
import dev.portscope.platform.Namespaces;
import dev.portscope.platform.Platform;
import dev.portscope.platform.SocketEndFeed;
import dev.portscope.platform.PortSettings;
import dev.portscope.platform.SocketCloser;
import dev.portscope.platform.SocketSource;
import dev.portscope.platform.TcpCounters;
import dev.portscope.platform.Terminal;
import dev.portscope.platform.TrialBinder;
import dev.portscope.platform.linux.ffm.Libc;
import dev.portscope.platform.linux.ffm.LinuxConnectCalls;
import dev.portscope.platform.linux.ffm.TerminalWindow;
import dev.portscope.platform.linux.ffm.TrialBind;
import dev.portscope.platform.linux.netlink.NetlinkSocketSource;
import dev.portscope.platform.linux.netlink.NatChains;
import dev.portscope.platform.linux.netlink.SockDiagEndFeed;
import dev.portscope.platform.linux.netlink.SocketDestroyer;
import dev.portscope.query.SocketQuery;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * Linux: sockets from netlink {@code sock_diag} (or {@code /proc/net}), owners from
 * {@code /proc/PID/fd}, settings from {@code /proc/sys}, system calls through FFM. Every file is
 * read under the given roots, so a captured tree stands in for the machine in tests.
 */
public final class LinuxPlatform implements Platform, KernelSettings, Namespaces, TrialBinder, Credentials, Terminal {

    private final Path procRoot;
    private final Path etcRoot;
    private final Path stateRoot;
    private LinuxContainerNetworks containerNetworks;
    private DockerApi dockerApi;

    public LinuxPlatform(Path procRoot, Path etcRoot) {
        this(procRoot, etcRoot, Path.of("/"));
    }

    /** @param stateRoot where container runtimes keep their state ({@code /var/lib/docker}, {@code /run/containerd}...): {@code /} but in tests */
    public LinuxPlatform(Path procRoot, Path etcRoot, Path stateRoot) {
        this.procRoot = procRoot;
        this.etcRoot = etcRoot;
        this.stateRoot = stateRoot;
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public List<String> backendNames() {
        return LinuxBackends.NAMES;
    }

    @Override
    public List<dev.portscope.platform.BackendCapabilities> capabilities() {
        return LinuxBackends.capabilities();
    }

    @Override
    public Backend backend(String name, boolean details) {
        return LinuxBackends.select(name, procRoot, etcRoot, stateRoot, details);
    }

    @Override
    public SocketSource recorder(OutputStream recording, java.time.Instant time) {
        return LinuxBackends.recorder(procRoot, recording, Replays.header(procRoot, hostName(), time));
    }

    @Override
    public Optional<String> hostName() {
        try {
            String name = Files.readString(procRoot.resolve("sys/kernel/hostname")).strip();
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Path> servicesFile() {
        return Optional.of(etcRoot.resolve("services"));
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
        return Libc.unavailableReason().isEmpty() ? Optional.of(LinuxConnectCalls::open) : Optional.empty();
    }

    @Override
    public Credentials credentials() {
        return this;
    }

    /** Linux: sock_diag's destroy notices ({@link SockDiagEndFeed}), which need no privileges. */
    @Override
    public Optional<SocketEndFeed> socketEndFeed(DiagnosticLog log) {
        return SockDiagEndFeed.open(procRoot, log);
    }

    @Override
    public Terminal terminal() {
        return this;
    }

    @Override
    public SocketCloser socketCloser() {
        return new SocketDestroyer();
    }

    /** Docker's API on {@code /var/run/docker.sock} under the state root; one per platform, so each container is asked about once. */
    @Override
    public synchronized RuntimeDaemons runtimeDaemons() {
        if (dockerApi == null) {
            dockerApi = new DockerApi(stateRoot.resolve("var/run/docker.sock"));
        }
        return dockerApi;
    }

    /** One per platform, so a command reads each namespace's addresses once. */
    @Override
    public synchronized ContainerNetworks containerNetworks() {
        if (containerNetworks == null) {
            containerNetworks = new LinuxContainerNetworks(procRoot, new NatRuleReader(procRoot, Path.of("/"), NatChains::exist));
        }
        return containerNetworks;
    }

    // KernelSettings

    @Override
    public PortSettings portSettings() {
        return PortSysctls.read(procRoot);
    }

    @Override
    public OptionalInt maxAcceptQueue() {
        return PortSysctls.maxAcceptQueue(PortSysctls.readValues(procRoot));
    }

    @Override
    public Optional<TcpCounters> tcpCounters(Clock clock, DiagnosticLog log) {
        try {
            return Optional.of(TcpCounterReader.read(procRoot, clock));
        } catch (IOException e) {
            log.report(Failures.of(e), "TCP counters unreadable: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            log.report(Diagnostic.Kind.MALFORMED_INPUT, "TCP counters unreadable: " + e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> bootId() {
        // A 37-byte line: a UUID and a newline. procfs reports a size of 0, so it is read as a stream.
        try (InputStream in = Files.newInputStream(procRoot.resolve("sys/kernel/random/boot_id"))) {
            String id = new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip();
            return id.matches("[0-9a-f-]{36}") ? Optional.of(id) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // Namespaces

    @Override
    public Optional<String> currentId() {
        long inode = NamespaceIds.networkNamespace(procRoot);
        return inode == 0 ? Optional.empty() : Optional.of(Long.toString(inode));
    }

    @Override
    public List<NetNamespace> list(DiagnosticLog log) {
        return NamespaceDiscovery.find(procRoot, netnsDir(), log);
    }

    /** {@code --backend proc} reads other namespaces through {@code /proc/PID/net}; netlink enters them. */
    @Override
    public SocketSource acrossNamespaces(Backend own, boolean details, long chosen) {
        NetlinkSocketSource netlink = own.name().equals("netlink")
                ? new NetlinkSocketSource(procRoot, new NetlinkSocketSource.Settings(details, null)) : null;
        return new AllNamespacesSocketSource(procRoot, netnsDir(), own.sockets(), netlink, chosen);
    }

    /** Where {@code ip netns} names namespaces: {@code /run/netns} beside {@code /proc} (or a captured tree's). */
    private Path netnsDir() {
        Path parent = procRoot.toAbsolutePath().getParent();
        return parent == null ? Path.of("/run/netns") : parent.resolve("run/netns");
    }

    @Override
    public List<Socket> otherNamespaceSockets(SocketQuery query, Predicate<Socket> filter, DiagnosticLog log) {
        return OtherNamespaceSockets.find(procRoot, query, filter, log);
    }

    // TrialBinder

    @Override
    public BindTrial attempt(BindAttempt attempt) {
        return TrialBind.attempt(attempt);
    }

    @Override
    public BindTrial attemptAs(BindAttempt attempt, int uid) {
        OptionalInt self = effectiveUid();
        if (self.isPresent() && self.getAsInt() == uid) {
            return attempt(attempt);
        }
        if (self.isEmpty() || self.getAsInt() != 0) {
            throw new UnsupportedOperationException("only root can try a bind as another user");
        }
        // A uid without a passwd entry keeps a group of the same number, as useradd would give it.
        int gid = PasswdUsers.primaryGroupOf(etcRoot.resolve("passwd"), uid).orElse(uid);
        return TrialBindAsUser.attempt(attempt, uid, gid);
    }

    // Credentials

    @Override
    public OptionalInt effectiveUid() {
        return ProcessCredentials.effectiveUid(procRoot);
    }

    @Override
    public boolean mayBindPrivilegedPorts() {
        return ProcessCredentials.mayBindPrivilegedPorts(procRoot);
    }

    @Override
    public OptionalInt uidOf(String userName) {
        return PasswdUsers.uidOf(etcRoot.resolve("passwd"), userName);
    }

    @Override
    public String userDatabase() {
        return etcRoot.resolve("passwd").toString();
    }

    // Terminal

    @Override
    public int columns() {
        return TerminalWindow.columnsOfStandardOutput();
    }
}
