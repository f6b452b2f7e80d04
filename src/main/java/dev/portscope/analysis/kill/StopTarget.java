package dev.portscope.analysis.kill;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;

/** A process holding the port, and what will be done to it. {@code reason} explains a refusal. */
public record StopTarget(ProcessInfo process, ProcessOrigin origin, StopAction action, String reason) {}
