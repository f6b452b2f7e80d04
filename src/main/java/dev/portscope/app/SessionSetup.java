package dev.portscope.app;

import java.nio.file.Path;

/**
 * Where a session's sockets come from.
 *
 * @param backend       the platform's socket source by name ({@code auto} picks the best one here)
 * @param replay        a recording to read instead of this machine, or null
 * @param details       ask for TCP details and socket memory
 * @param allNamespaces read every network namespace on the machine, not only the reader's ({@code -A})
 * @param namespace     read this one network namespace instead ({@code --namespace}: an {@code ip netns}
 *                      name, an inode, {@code host}, or a container's name or id prefix), or null
 */
public record SessionSetup(String backend, Path replay, boolean details, boolean allNamespaces, String namespace) {

    public SessionSetup(String backend, Path replay, boolean details) {
        this(backend, replay, details, false, null);
    }

    public static SessionSetup live() {
        return new SessionSetup("auto", null, false);
    }

    public boolean isReplay() {
        return replay != null;
    }

    /** True when namespaces other than the reader's may be read. */
    public boolean spansNamespaces() {
        return allNamespaces || namespace != null;
    }
}
