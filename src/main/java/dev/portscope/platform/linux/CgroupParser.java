package dev.portscope.platform.linux;

import dev.portscope.model.Container;
import dev.portscope.model.ProcessOrigin;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code /proc/<pid>/cgroup} ({@code cgroups(7)}) for the systemd unit or container a process
 * runs in. Lines are {@code hierarchy-id:controllers:path}; the unified (v2) line {@code 0::path} is
 * preferred, then the {@code name=systemd} v1 line.
 */
final class CgroupParser {

    /** docker-<id>.scope, cri-containerd-<id>.scope, libpod-<id>.scope, crio-<id>.scope, or /docker/<id>. */
    private static final Pattern CONTAINER = Pattern.compile(
            "(?:^|/)(docker|cri-containerd|libpod|crio|containerd)[-/]([0-9a-f]{64})(?:\\.scope)?(?:/|$)");
    private static final Pattern KUBEPODS = Pattern.compile("/kubepods[^ ]*/(?:[^/]+-)?([0-9a-f]{64})(?:\\.scope)?$");
    private static final Pattern USER_MANAGER = Pattern.compile("/user@\\d+\\.service/");

    private CgroupParser() {}

    static ProcessOrigin parse(String text) {
        String path = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("0::")) {
                path = line.substring(3).strip();
                break;
            }
            if (line.contains(":name=systemd:")) {
                path = line.substring(line.indexOf(":name=systemd:") + 14).strip();
            }
        }
        if (path == null || path.equals("/")) {
            return ProcessOrigin.NONE;
        }
        Matcher container = CONTAINER.matcher(path);
        if (container.find()) {
            String runtime = switch (container.group(1)) {
                case "cri-containerd", "containerd" -> "containerd";
                case "libpod" -> "podman";
                case "crio" -> "cri-o";
                default -> "docker";
            };
            return new ProcessOrigin(null, false, Container.unnamed(runtime, container.group(2)));
        }
        Matcher pod = KUBEPODS.matcher(path);
        if (pod.find()) {
            return new ProcessOrigin(null, false, Container.unnamed("kubernetes", pod.group(1)));
        }
        // The unit is the innermost .service (or .scope) of the path.
        String unit = null;
        for (String part : path.split("/")) {
            if (part.endsWith(".service") || part.endsWith(".scope")) {
                unit = part;
            }
        }
        if (unit == null) {
            return ProcessOrigin.NONE;
        }
        boolean userUnit = USER_MANAGER.matcher(path + "/").find() && !unit.matches("user@\\d+\\.service");
        return new ProcessOrigin(unit, userUnit, null);
    }
}
