package dev.portscope.platform;

import java.time.Instant;
import java.util.Map;

/**
 * The kernel's TCP counters at one moment ({@code /proc/net/snmp} {@code Tcp:} and
 * {@code /proc/net/netstat} {@code TcpExt:}), keyed {@code Tcp.EstabResets}, {@code TcpExt.ListenOverflows}.
 */
public record TcpCounters(Instant time, Map<String, Long> values) {

    public TcpCounters {
        values = Map.copyOf(values);
    }

    /** The counter's value, 0 when this kernel does not have it. */
    public long get(String name) {
        return values.getOrDefault(name, 0L);
    }

    /** How much a counter grew since {@code earlier}; 0 when it went down (the counters were reset, a reboot). */
    public long since(TcpCounters earlier, String name) {
        return Math.max(0, get(name) - earlier.get(name));
    }
}
