package dev.portscope.serve;

import dev.portscope.analysis.audit.AuditReport;
import dev.portscope.engine.Refresh;
import dev.portscope.platform.TcpCounters;
import java.time.Duration;
import java.util.Optional;

/**
 * One collection, shared by every client that asks within the cache's lifetime: the engine's
 * refresh, the audit of its snapshot, and the kernel's TCP counters.
 *
 * @param wallTime how long the collection took
 * @param cpuTime  the CPU time it took on the collecting thread, null when unknown
 */
public record Collection(Refresh refresh, AuditReport audit, Optional<TcpCounters> counters, Duration wallTime, Duration cpuTime) {}
