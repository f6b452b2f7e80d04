package dev.portscope.analysis.violation;

/** A deliberate breach, for ArchitectureTest only: analysis may not name the portable backend. */
public final class AnalysisNamingPortable {
    dev.portscope.platform.portable.PortablePlatform platform;
}
