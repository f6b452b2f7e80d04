package dev.portscope.platform;

import dev.portscope.platform.linux.LinuxPlatform;
import dev.portscope.platform.portable.PortableBackend;
import dev.portscope.platform.portable.PortableCapabilities;
import dev.portscope.platform.portable.PortablePlatform;
import dev.portscope.platform.portable.SystemKind;
import dev.portscope.platform.linux.Replays;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place that picks the platform's provider, by what this machine has: Linux wherever a
 * procfs with {@code net/} is mounted, the portable provider (OSHI) on Windows, macOS and the other
 * systems OSHI reads. Nothing else names a platform's classes.
 */
public final class Platforms {

    private Platforms() {}

    /** The provider for this machine. */
    public static Platform live() {
        return select(Path.of("/proc"), Path.of("/etc"));
    }

    /**
     * The provider for a system whose procfs and configuration are mounted at these roots (a captured
     * tree in tests, the host's from inside a container).
     */
    public static Platform select(Path procRoot, Path etcRoot) {
        return select(procRoot, etcRoot, Path.of("/"));
    }

    /**
     * As {@link #select(Path, Path)}, with container runtimes' state ({@code var/lib/docker},
     * {@code run/containerd}...) under {@code stateRoot} rather than {@code /}.
     */
    public static Platform select(Path procRoot, Path etcRoot, Path stateRoot) {
        if (Files.isDirectory(procRoot.resolve("net"))) {
            return new LinuxPlatform(procRoot, etcRoot, stateRoot);
        }
        String os = System.getProperty("os.name", "this system");
        return readByOshi(os) ? Portable.platform() : new UnsupportedPlatform(os);
    }

    /**
     * The systems OSHI reads ({@code SystemInfo.getCurrentPlatform}), Linux left out: a Linux without
     * procfs has nothing OSHI could read either.
     */
    static boolean readByOshi(String osName) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        return os.startsWith("windows") || os.startsWith("mac") || os.startsWith("darwin") || os.contains("bsd")
                || os.startsWith("sunos") || os.startsWith("solaris") || os.startsWith("aix");
    }

    /**
     * The portable backend (OSHI) on this machine, whatever its platform: {@code --backend portable}
     * on Linux.
     *
     * @throws IllegalArgumentException when OSHI cannot read this system
     */
    public static Backend portableBackend() {
        return Portable.backend();
    }

    /** What the portable backend fills on this machine's system, for {@code portscope backends}. */
    public static BackendCapabilities portableCapabilities() {
        return Portable.capabilities();
    }

    /**
     * Names the portable backend's classes in methods of their own, run only when it is chosen: a
     * Linux run on its native backend loads none of them, nor OSHI or JNA ({@code ClassLoadingTest}).
     */
    private static final class Portable {
        static Platform platform() {
            return new PortablePlatform(SystemKind.current());
        }

        static Backend backend() {
            try {
                return PortableBackend.create(SystemKind.current());
            } catch (UnsupportedOperationException | LinkageError e) {
                throw new IllegalArgumentException("the portable backend cannot run here: " + e.getMessage(), e);
            }
        }

        static BackendCapabilities capabilities() {
            return PortableCapabilities.of(SystemKind.current());
        }
    }

    /**
     * Replays a recording made by {@code portscope record} (or iproute2's {@code TCPDIAG_FILE}
     * dumps), on any platform. Its sockets belong to another moment, perhaps another machine, so no
     * process owns them; its host, time and settings are those it recorded, or unknown.
     *
     * @param details decode the TCP details and memory the recording holds ({@code record} asks for them)
     */
    public static Recording replay(Path recording, boolean details) {
        return Replays.open(recording, details);
    }
}
