package dev.portscope.analysis.violation;

/** A deliberate breach, for ArchitectureTest only: analysis may not name the Linux provider. */
public final class AnalysisNamingLinux {
    dev.portscope.platform.linux.LinuxPlatform platform;
}
