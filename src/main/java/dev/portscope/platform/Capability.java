package dev.portscope.platform;

/**
 * A field or fact a socket backend may or may not fill. A renderer shows a field its backend lacks
 * as unknown ({@code -}, JSON null), never as 0 or as a complete answer; {@code portscope backends}
 * lists them.
 */
public enum Capability {
    QUEUES("queues", "receive and send queue lengths (RECV-Q, SEND-Q)"),
    BACKLOG("backlog", "a listener's accept-queue limit (its SEND-Q), which health compares its waiting connections with"),
    SOCKET_UID("socket uid", "the uid that owns each socket in the kernel (UID column)"),
    SOCKET_KEY("inode", "the kernel's identity of a socket (inode, cookie), so that a socket shared by several processes is one row"),
    EVERY_HOLDER("every holder", "every process holding a socket, not only one"),
    TIME_WAIT("TIME-WAIT", "sockets in TIME-WAIT, which no process holds any more"),
    BOUND_STATE("bound state", "TCP sockets bound to a port but neither listening nor connected (BOUND)"),
    UDP_PEER("UDP peer", "the remote end of a connected UDP socket, telling connected from bound UDP sockets"),
    V6ONLY("v6only", "whether an IPv6 socket refuses IPv4 (IPV6_V6ONLY): * or ::"),
    BOUND_DEVICE("device", "the interface a socket is bound to (SO_BINDTODEVICE): 0.0.0.0%lo"),
    NAMESPACE("namespace", "the network namespace of a socket, and sockets of other namespaces"),
    TCP_INFO("TCP info", "round-trip time, retransmissions, congestion window (--info)"),
    MEMORY("memory", "socket memory (--info)"),
    COMMAND_LINE("command line", "each owner's command line"),
    PROCESS_USER("process user", "the user each owner runs as (USER column)"),
    PROCESS_ORIGIN("unit/container", "the systemd unit or container of each owner"),
    CLOSE("close", "closing another process's connections (portscope close)"),
    END_NOTICES("end notices", "the kernel's notices of closed sockets, so a watch misses no short connection"),
    TCP_COUNTERS("TCP counters", "the kernel's TCP counters (resets, drops, retransmissions) for health");

    private final String label;
    private final String meaning;

    Capability(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** Short name, as {@code portscope backends} prints it. */
    public String label() {
        return label;
    }

    /** What the field is, in a sentence. */
    public String meaning() {
        return meaning;
    }
}
