package dev.portscope.model;

import java.util.Objects;

/**
 * A container a process runs in, as its runtime names it on this machine.
 *
 * @param runtime which runtime runs it: {@code docker}, {@code containerd}, {@code cri-o},
 *                {@code podman}, {@code kubernetes}, {@code lxc}, {@code systemd-nspawn}
 * @param id      the runtime's id of the container (a 64-digit hex id for OCI runtimes, the machine's
 *                name for LXC and nspawn)
 * @param name    the container's name where the runtime's local state says it, null when unknown
 * @param pod     the Kubernetes pod, as {@code namespace/name}, null when not in a pod or unknown
 */
public record Container(String runtime, String id, String name, String pod) {

    public Container {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(id, "id");
    }

    /** A container known only by its id. */
    public static Container unnamed(String runtime, String id) {
        return new Container(runtime, id, null, null);
    }

    /** How listings name it: its name, else the first 12 digits of its id (as {@code docker ps}). */
    public String label() {
        if (name != null) {
            return name;
        }
        return id.length() > 12 && id.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? id.substring(0, 12) : id;
    }
}
