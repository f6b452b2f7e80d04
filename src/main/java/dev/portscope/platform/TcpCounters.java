package dev.portscope.platform;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The kernel's TCP counters at one moment ({@code /proc/net/snmp} {@code Tcp:} and
 * {@code /proc/net/netstat} {@code TcpExt:}), keyed {@code Tcp.EstabResets}, {@code TcpExt.ListenOverflows}.
 * A counter this kernel does not have (or that was not read) is absent, never 0.
 */
public record TcpCounters(Instant time, Map<String, Long> values) {

    public TcpCounters {
        values = Map.copyOf(values);
    }

    /** The counter's value, empty when this kernel does not have it or it was not read. */
    public OptionalLong get(String name) {
        Long value = values.get(name);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /**
     * How much a counter grew since {@code earlier}; empty when either lacks it, or when it went
     * down (the counters were reset, a reboot: what grew in between cannot be told).
     */
    public OptionalLong since(TcpCounters earlier, String name) {
        OptionalLong now = get(name);
        OptionalLong then = earlier.get(name);
        if (now.isEmpty() || then.isEmpty() || now.getAsLong() < then.getAsLong()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(now.getAsLong() - then.getAsLong());
    }
}
