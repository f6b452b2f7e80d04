package dev.portscope.platform.linux;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.Backend;
import dev.portscope.platform.BackendCapabilities;
import dev.portscope.platform.Capability;
import dev.portscope.platform.Platforms;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.SocketSource;
import dev.portscope.platform.linux.netlink.NetlinkSocketSource;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Linux's socket sources: netlink {@code sock_diag} with {@code /proc/net} as its fallback. */
final class LinuxBackends {

    /** Backend names {@code --backend} accepts. */
    static final List<String> NAMES = List.of("auto", "netlink", "proc", "portable");

    private static final Path LIVE_PROC = Path.of("/proc");

    private LinuxBackends() {}

    /**
     * {@code auto} takes netlink {@code sock_diag} when a netlink socket opens and procfs is the
     * live {@code /proc} (a captured tree is read as such), with {@code /proc/net} filling in any dump
     * the kernel refuses; otherwise it reads {@code /proc/net} and says why.
     *
     * @param requested a name from {@link #NAMES}
     * @param procRoot  where procfs is mounted
     * @param details   ask the kernel for TCP info and socket memory (netlink only; {@code /proc} has none)
     * @throws IllegalArgumentException when the name is unknown or the backend cannot run here
     */
    static Backend select(String requested, Path procRoot, Path etcRoot, Path stateRoot, boolean details) {
        String name = requested == null ? "auto" : requested;
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown backend '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
        }
        if (!Files.isDirectory(procRoot.resolve("net"))) {
            throw new IllegalArgumentException("no procfs at " + procRoot + ": this platform is not supported yet");
        }
        var processes = new ProcProcessSource(procRoot, etcRoot.resolve("passwd"), stateRoot);
        var proc = new ProcNetSocketSource(procRoot);
        var netlinkSettings = new NetlinkSocketSource.Settings(details, null);
        switch (name) {
            case "portable" -> {
                return Platforms.portableBackend(); // no TCP details: asked for, they are left out (Session refuses --info)
            }
            case "proc" -> {
                return new Backend("proc", proc, processes);
            }
            case "netlink" -> {
                Optional<String> why = NetlinkSocketSource.unavailableReason();
                if (why.isPresent()) {
                    throw new IllegalArgumentException("the netlink backend cannot run here: " + why.get());
                }
                return new Backend("netlink", new NetlinkSocketSource(procRoot, netlinkSettings), processes);
            }
            default -> {
                if (!procRoot.toAbsolutePath().normalize().equals(LIVE_PROC)) {
                    return new Backend("proc", proc, processes);
                }
                Optional<String> why = NetlinkSocketSource.unavailableReason();
                if (why.isPresent()) {
                    return new Backend("proc", new Announced(proc, "netlink sock_diag unavailable (" + why.get() + "): read " + procRoot.resolve("net")), processes);
                }
                return new Backend("netlink", new NetlinkWithFallback(new NetlinkSocketSource(procRoot, netlinkSettings), proc), processes);
            }
        }
    }

    /** What each named backend fills here ({@code auto} is netlink where it runs). */
    static List<BackendCapabilities> capabilities() {
        Map<Capability, String> proc = new EnumMap<>(Capability.class);
        proc.put(Capability.BACKLOG, "/proc/net gives a listener's send queue as 0");
        proc.put(Capability.TCP_INFO, "/proc/net has no TCP details");
        proc.put(Capability.MEMORY, "/proc/net has no socket memory");
        proc.put(Capability.V6ONLY, "/proc/net does not say");
        proc.put(Capability.BOUND_STATE, "/proc/net does not list bound, unconnected TCP sockets");
        proc.put(Capability.BOUND_DEVICE, "/proc/net does not say");
        return List.of(new BackendCapabilities("netlink", "linux", Map.of()), new BackendCapabilities("proc", "linux", proc),
                Platforms.portableCapabilities());
    }

    /**
     * A socket source that copies all of its netlink traffic to {@code recording}, after {@code header}
     * ({@code RecordingHeader}), with {@code tcp_info} and memory asked for so that a replay can show them.
     *
     * @throws IllegalArgumentException when netlink cannot run here
     */
    static SocketSource recorder(Path procRoot, OutputStream recording, byte[] header) {
        Optional<String> why = NetlinkSocketSource.unavailableReason();
        if (why.isPresent()) {
            throw new IllegalArgumentException("cannot record: netlink sock_diag unavailable (" + why.get() + ")");
        }
        try {
            recording.write(header);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the recording: " + e.getMessage(), e);
        }
        return new NetlinkSocketSource(procRoot, new NetlinkSocketSource.Settings(true, recording));
    }

    /** Netlink first; each dump the kernel refuses (EPERM, EINVAL, no udp_diag) is read from /proc/net instead. */
    private record NetlinkWithFallback(NetlinkSocketSource netlink, ProcNetSocketSource proc) implements SocketSource {
        @Override
        public String name() {
            return netlink.name();
        }

        @Override
        public void scan(SocketQuery query, DiagnosticLog log, Consumer<Socket> sink) {
            for (NetlinkSocketSource.Failure failure : netlink.scanDumps(query, log, sink)) {
                Protocol protocol = failure.dump().protocol();
                log.report(Diagnostic.Kind.FALLBACK, failure.dump().label() + " sockets read from /proc/net: netlink "
                        + failure.reason());
                proc.scan(query.withProtocols(Set.of(protocol)).withFamilies(failure.dump().families()), log, sink);
            }
        }

        @Override
        public SocketSource forWatching() {
            return new NetlinkWithFallback(netlink.forWatching(), proc);
        }
    }

    /** A source that says once per scan why it was chosen. */
    private record Announced(SocketSource source, String why) implements SocketSource {
        @Override
        public String name() {
            return source.name();
        }

        @Override
        public void scan(SocketQuery query, DiagnosticLog log, Consumer<Socket> sink) {
            log.report(Diagnostic.Kind.FALLBACK, why);
            source.scan(query, log, sink);
        }

        @Override
        public SocketSource forWatching() {
            return new Announced(source.forWatching(), why);
        }
    }

}
