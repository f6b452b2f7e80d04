package dev.portscope.platform;

import java.time.Instant;
import java.util.Optional;

/**
 * A recording to replay ({@code --replay}), with what it says of the machine and moment it was made
 * on. Nothing of the machine replaying it stands in for what the recording does not say.
 *
 * @param backend its sockets; no processes, which belong to another moment
 * @param host    the recorded machine's name, empty when the recording does not say (older recordings,
 *                iproute2's dumps)
 * @param time    when it was recorded, empty when it does not say
 * @param kernel  the recorded machine's port settings and {@code somaxconn}; settings it lacks are the
 *                kernel's defaults, listed as assumed, and {@code somaxconn} is then empty; no counters
 */
public record Recording(Backend backend, Optional<String> host, Optional<Instant> time, KernelSettings kernel) {}
