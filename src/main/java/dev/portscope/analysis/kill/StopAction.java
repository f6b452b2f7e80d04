package dev.portscope.analysis.kill;

/** What {@code kill} will do to one process. */
public enum StopAction {
    /** SIGTERM, then SIGKILL after the timeout only with {@code --force}. */
    SIGNAL,
    /** {@code systemctl stop UNIT}: the service manager stops it and will not restart it. */
    STOP_SERVICE,
    /** Left alone; the reason says why. */
    REFUSE
}
