package dev.portscope.platform;

import dev.portscope.platform.linux.LinuxPlatform;
import dev.portscope.platform.linux.Replays;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place that picks the platform's provider, by what this machine has: Linux wherever a
 * procfs with {@code net/} is mounted. Nothing else names a platform's classes.
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
        return new UnsupportedPlatform(System.getProperty("os.name", "this system"));
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
