package dev.portscope.analysis.kill;

/** What happened to one process. */
public enum StopOutcome {
    STOPPED("stopped (SIGTERM)"),
    KILLED("killed (SIGKILL)"),
    SERVICE_STOPPED("stopped by its service manager"),
    ALREADY_GONE("already gone"),
    ALREADY_EXITED("already exited (a zombie its parent has not reaped): it no longer holds the port"),
    PID_REUSED("not signalled: it has exited and its pid now belongs to another process"),
    UNVERIFIED("not signalled: its start time cannot be read, so a reused pid cannot be ruled out"),
    STILL_RUNNING("still running after SIGTERM; --force sends SIGKILL"),
    NOT_PERMITTED("not permitted to signal it (another user's process: run as root)"),
    SERVICE_STOP_FAILED("systemctl stop failed"),
    REFUSED("refused");

    private final String description;

    StopOutcome(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
