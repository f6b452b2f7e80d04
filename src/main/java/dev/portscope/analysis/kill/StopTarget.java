package dev.portscope.analysis.kill;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;

/**
 * A process holding the port, and what will be done to it. {@code reason} explains a refusal. The
 * process's start time, as the plan saw it, is what {@link ProcessStopper} checks before each signal,
 * so that a pid taken over by another process in the meantime is left alone.
 */
public record StopTarget(ProcessInfo process, ProcessOrigin origin, StopAction action, String reason) {}
