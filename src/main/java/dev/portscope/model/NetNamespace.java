package dev.portscope.model;

/**
 * A network namespace sockets were read from ({@code network_namespaces(7)}).
 *
 * @param inode     its identity: the inode {@code /proc/PID/ns/net} links to ({@code net:[4026531840]})
 * @param name      its {@code ip netns} name (a bind mount under {@code /run/netns}), null when unnamed
 * @param host      true for the host's namespace: that of pid 1, or the reader's when pid 1 is unreadable
 * @param pid       the lowest pid living in it, 0 when none does (a named namespace nothing runs in)
 * @param container the container its processes run in, from the origin of {@code pid}; null when none
 *                  or unknown
 */
public record NetNamespace(long inode, String name, boolean host, int pid, Container container) {

    /** How listings name it: {@code host}, its {@code ip netns} name, else its inode. */
    public String label() {
        if (host) {
            return "host";
        }
        return name != null ? name : Long.toString(inode);
    }

    /** The same namespace, its container known. */
    public NetNamespace withContainer(Container found) {
        return new NetNamespace(inode, name, host, pid, found);
    }
}
