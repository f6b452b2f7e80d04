package dev.portscope.platform.portable;

import dev.portscope.platform.BackendCapabilities;
import dev.portscope.platform.Capability;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the portable backend fills on each system, from what OSHI's sources hold (read in OSHI's
 * {@code *InternetProtocolStats} and {@code *OSProcess} classes): the table {@code portscope backends}
 * shows and the differential test honours.
 */
public final class PortableCapabilities {

    private PortableCapabilities() {}

    /**
     * Only Linux's {@code /proc/net} queues are byte counts: Windows' TCP tables have none (OSHI gives
     * 0), and macOS's are a listener's queue lengths ({@code soi_qlen}, {@code soi_incqlen}).
     */
    static boolean reportsQueues(SystemKind system) {
        return system == SystemKind.LINUX;
    }

    public static BackendCapabilities of(SystemKind system) {
        Map<Capability, String> missing = new EnumMap<>(Capability.class);
        missing.put(Capability.BACKLOG, "OSHI reports no listener's accept-queue limit");
        missing.put(Capability.SOCKET_UID, "OSHI reports no socket's owner uid");
        missing.put(Capability.SOCKET_KEY, "OSHI reports no inode or cookie: a socket is known by its ends");
        missing.put(Capability.NAMESPACE, "OSHI reads the current network namespace only");
        missing.put(Capability.TCP_INFO, "not in OSHI's connection tables");
        missing.put(Capability.MEMORY, "not in OSHI's connection tables");
        missing.put(Capability.BOUND_DEVICE, "not in OSHI's connection tables");
        missing.put(Capability.PROCESS_ORIGIN, "service units and containers are read by the Linux backend only");
        missing.put(Capability.CLOSE, "closing another process's connection needs Linux sock_diag (SOCK_DESTROY)");
        missing.put(Capability.END_NOTICES, "a watch sees only what each refresh finds");
        switch (system) {
            case WINDOWS -> {
                missing.put(Capability.QUEUES, "Windows' TCP tables (GetExtendedTcpTable) have no queues");
                missing.put(Capability.EVERY_HOLDER, "one owning pid per socket (the process that opened it)");
                missing.put(Capability.BOUND_STATE, "bound, unconnected TCP sockets are not in GetExtendedTcpTable");
                missing.put(Capability.UDP_PEER, "GetExtendedUdpTable has no remote end: every UDP socket reads as unconnected");
                missing.put(Capability.V6ONLY, "not in Windows' TCP tables");
                missing.put(Capability.TCP_COUNTERS, "not read on Windows yet");
            }
            case MACOS -> {
                missing.put(Capability.QUEUES, "OSHI gives a listener's queue lengths, not bytes");
                missing.put(Capability.TIME_WAIT, "sockets are found through processes' descriptors, and none holds a TIME-WAIT socket");
                missing.put(Capability.TCP_COUNTERS, "not read on macOS yet");
            }
            case LINUX -> {
                missing.put(Capability.EVERY_HOLDER, "OSHI keeps one pid per inode");
                missing.put(Capability.BOUND_STATE, "/proc/net does not list bound, unconnected TCP sockets");
                missing.put(Capability.V6ONLY, "/proc/net does not say");
            }
            case OTHER -> {
                missing.put(Capability.QUEUES, "not checked on this system");
                missing.put(Capability.V6ONLY, "not checked on this system");
                missing.put(Capability.TCP_COUNTERS, "not read on this system");
            }
        }
        return new BackendCapabilities("portable", system.label(), missing);
    }
}
