package dev.portscope.model;

/**
 * What started a process and may start it again: the service manager's unit, or a container.
 *
 * @param systemdUnit the systemd unit ({@code nginx.service}), null when none
 * @param userUnit    true when the unit belongs to a user's service manager ({@code systemctl --user})
 * @param containerId the container id (docker, containerd, podman, kubernetes), null when none
 * @param runtime     which runtime the container belongs to ({@code docker}, {@code containerd}, {@code podman}…), null when none
 */
public record ProcessOrigin(String systemdUnit, boolean userUnit, String containerId, String runtime) {

    public static final ProcessOrigin NONE = new ProcessOrigin(null, false, null, null);

    /** A system service: stopping its process alone may see the service manager start it again. */
    public boolean isSystemService() {
        return systemdUnit != null && !userUnit && systemdUnit.endsWith(".service");
    }
}
