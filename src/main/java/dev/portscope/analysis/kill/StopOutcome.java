package dev.portscope.analysis.kill;

/** What happened to one process. */
public enum StopOutcome {
    STOPPED("stopped (SIGTERM)"),
    KILLED("killed (SIGKILL)"),
    SERVICE_STOPPED("stopped by its service manager"),
    ALREADY_GONE("already gone"),
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
