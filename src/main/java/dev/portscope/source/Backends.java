package dev.portscope.source;

import dev.portscope.source.linux.ProcNetSocketSource;
import dev.portscope.source.linux.ProcProcessSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The one place that picks a backend for this machine. */
public final class Backends {

    /** Backend names {@code --backend} accepts. */
    public static final List<String> NAMES = List.of("auto", "proc");

    private Backends() {}

    /**
     * @param requested a name from {@link #NAMES}
     * @param procRoot  where procfs is mounted
     * @throws IllegalArgumentException when the name is unknown or the backend cannot run here
     */
    public static Backend select(String requested, Path procRoot, Path etcRoot) {
        String name = requested == null ? "auto" : requested;
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown backend '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
        }
        if (!Files.isDirectory(procRoot.resolve("net"))) {
            throw new IllegalArgumentException("no procfs at " + procRoot + ": this platform is not supported yet");
        }
        return new Backend("proc", new ProcNetSocketSource(procRoot), new ProcProcessSource(procRoot, etcRoot.resolve("passwd")));
    }
}
