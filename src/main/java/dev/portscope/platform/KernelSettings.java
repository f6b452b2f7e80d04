package dev.portscope.platform;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;

/** What the kernel is set to and what it has counted: port ranges, queue limits, TCP counters. */
public interface KernelSettings {

    /** How the kernel hands out and guards ports; settings it could not read are listed as assumed. */
    PortSettings portSettings();

    /** The ceiling on a listener's accept queue ({@code net.core.somaxconn}), empty when unreadable. */
    OptionalInt maxAcceptQueue();

    /**
     * The kernel's TCP counters since boot (resets, listen drops), stamped with {@code clock}.
     *
     * @param log told why when they cannot be read
     */
    Optional<TcpCounters> tcpCounters(Clock clock, DiagnosticLog log);

    /**
     * This boot's random id ({@code /proc/sys/kernel/random/boot_id}, random(4)), to tell counters
     * of an earlier boot from this one's; empty when the platform has none.
     */
    Optional<String> bootId();
}
