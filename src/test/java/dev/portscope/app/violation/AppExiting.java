package dev.portscope.app.violation;

/** A deliberate breach, for ArchitectureTest only: only main may end the process. */
public final class AppExiting {
    void stop() {
        System.exit(1);
    }
}
