package dev.portscope.model;

/**
 * What started a process and may start it again: the service manager's unit, or a container.
 *
 * @param systemdUnit the systemd unit ({@code nginx.service}), null when none
 * @param userUnit    true when the unit belongs to a user's service manager ({@code systemctl --user})
 * @param container   the container the process runs in, null when none
 */
public record ProcessOrigin(String systemdUnit, boolean userUnit, Container container) {

    public static final ProcessOrigin NONE = new ProcessOrigin(null, false, null);

    /** A system service: stopping its process alone may see the service manager start it again. */
    public boolean isSystemService() {
        return systemdUnit != null && !userUnit && systemdUnit.endsWith(".service");
    }
}
