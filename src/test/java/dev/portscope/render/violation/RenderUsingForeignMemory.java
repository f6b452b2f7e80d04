package dev.portscope.render.violation;

/** A deliberate breach, for ArchitectureTest only: FFM outside the native package. */
public final class RenderUsingForeignMemory {
    java.lang.foreign.Arena arena;
}
