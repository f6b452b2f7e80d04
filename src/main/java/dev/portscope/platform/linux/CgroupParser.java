package dev.portscope.platform.linux;

import dev.portscope.model.Container;
import dev.portscope.model.ProcessOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code /proc/<pid>/cgroup} ({@code cgroups(7)}) for the systemd unit or container a process
 * runs in. Lines are {@code hierarchy-id:controllers:path}; the unified (v2) line {@code 0::path} is
 * preferred, then the {@code name=systemd} v1 line, then any other v1 controller (a container under
 * the cgroupfs driver on a v1 host shows in every controller, the unified line being {@code /}).
 *
 * <p>The container conventions, by runtime (each names its cgroup after the container):
 * <ul>
 * <li>Docker: {@code docker-<id>.scope} (systemd driver), {@code /docker/<id>} (cgroupfs driver);
 * <li>containerd under Kubernetes: {@code cri-containerd-<id>.scope} in a {@code kubepods} slice;
 * <li>CRI-O: {@code crio-<id>.scope}, its monitor {@code crio-conmon-<id>.scope};
 * <li>Kubernetes with the cgroupfs driver: {@code /kubepods/<qos>/pod<uid>/<id>}, whose runtime the
 *     path does not say;
 * <li>Podman: {@code libpod-<id>.scope} (rootful under {@code machine.slice}, rootless under
 *     {@code user@UID.service}), its monitor {@code libpod-conmon-<id>.scope}, cgroupfs
 *     {@code /libpod_parent/libpod-<id>};
 * <li>LXC: {@code lxc.payload.NAME} (LXC 4+, the monitor in {@code lxc.monitor.NAME}), {@code /lxc/NAME};
 * <li>systemd-nspawn: {@code machine.slice/machine-NAME.scope/payload} (the supervisor in
 *     {@code /supervisor}), the name escaped as systemd escapes unit names ({@code \x2d} for '-').
 * </ul>
 * A runtime's monitor (conmon, LXC's monitor, nspawn's supervisor) runs on the host side, in the
 * host's namespaces: it is not in the container, though its cgroup is named after it.
 */
final class CgroupParser {

    private static final String HEX_ID = "[0-9a-f]{64}";
    /** docker-, cri-containerd-, crio-, crio-conmon-, libpod-, libpod-conmon- prefixed ids, .scope or not. */
    private static final Pattern PREFIXED = Pattern.compile(
            "(docker|cri-containerd|containerd|crio(?:-conmon)?|libpod(?:-conmon)?)-(" + HEX_ID + ")(?:\\.scope)?");
    private static final Pattern BARE_ID = Pattern.compile(HEX_ID);
    private static final Pattern LXC_PAYLOAD = Pattern.compile("lxc\\.payload[.:](.+)");
    private static final Pattern NSPAWN = Pattern.compile("machine-(.+)\\.scope");
    private static final Pattern USER_MANAGER = Pattern.compile("/user@(\\d+)\\.service/");

    private CgroupParser() {}

    static ProcessOrigin parse(String text) {
        List<String> paths = paths(text);
        for (String path : paths) {
            Container container = containerOf(path);
            if (container != null) {
                return new ProcessOrigin(null, false, container);
            }
        }
        String path = paths.isEmpty() ? null : paths.getFirst();
        if (path == null || path.equals("/")) {
            return ProcessOrigin.NONE;
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

    /**
     * The uid whose service manager holds the process ({@code user@UID.service}): a rootless
     * container's state lives in that user's home. -1 when none.
     */
    static int userManagerUid(String text) {
        List<String> paths = paths(text);
        if (paths.isEmpty()) {
            return -1;
        }
        Matcher m = USER_MANAGER.matcher(paths.getFirst() + "/");
        if (!m.find() || m.group(1).length() > 9) {
            return -1;
        }
        return Integer.parseInt(m.group(1));
    }

    /** The paths of the file, the unified line's first, then name=systemd's, then the other controllers'. */
    private static List<String> paths(String text) {
        String unified = null;
        String systemd = null;
        List<String> others = new ArrayList<>();
        for (String line : text.split("\n")) {
            int first = line.indexOf(':');
            int second = first < 0 ? -1 : line.indexOf(':', first + 1);
            if (second < 0) {
                continue;
            }
            String controllers = line.substring(first + 1, second);
            String path = line.substring(second + 1).strip();
            if (line.startsWith("0::")) {
                unified = path;
            } else if (controllers.equals("name=systemd")) {
                systemd = path;
            } else if (!path.equals("/")) {
                others.add(path);
            }
        }
        List<String> paths = new ArrayList<>();
        if (unified != null && (!unified.equals("/") || systemd == null)) {
            paths.add(unified);
        }
        if (systemd != null) {
            paths.add(systemd);
        }
        if (unified != null && unified.equals("/") && systemd != null) {
            paths.add(unified);
        }
        paths.addAll(others);
        return paths;
    }

    /** The container a cgroup path names, or null. */
    static Container containerOf(String path) {
        String[] parts = path.split("/");
        boolean underKubepods = false;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            Matcher prefixed = PREFIXED.matcher(part);
            if (prefixed.matches()) {
                if (prefixed.group(1).endsWith("-conmon")) {
                    // the runtime's monitor lives on the host side, in the host's namespaces: not the container
                    return null;
                }
                String runtime = switch (prefixed.group(1)) {
                    case "cri-containerd", "containerd" -> "containerd";
                    case "crio", "crio-conmon" -> "cri-o";
                    case "libpod", "libpod-conmon" -> "podman";
                    default -> "docker";
                };
                return Container.unnamed(runtime, prefixed.group(2));
            }
            if (part.startsWith("kubepods")) {
                underKubepods = true;
            }
            if (BARE_ID.matcher(part).matches()) {
                if (i > 0 && parts[i - 1].equals("docker")) {
                    return Container.unnamed("docker", part);
                }
                if (underKubepods) {
                    return Container.unnamed("kubernetes", part);
                }
            }
            Matcher lxc = LXC_PAYLOAD.matcher(part);
            if (lxc.matches()) {
                return named("lxc", lxc.group(1));
            }
            if (part.equals("lxc") && i + 1 < parts.length && !parts[i + 1].isEmpty()) {
                return named("lxc", parts[i + 1]);
            }
            Matcher machine = NSPAWN.matcher(part);
            if (machine.matches() && i > 0 && parts[i - 1].equals("machine.slice")) {
                boolean supervisor = i + 1 < parts.length && parts[i + 1].equals("supervisor");
                String name = unescape(machine.group(1));
                // libvirt's virtual machines sit here too (machine-qemu\x2d1\x2dvm.scope); their processes are host processes
                if (supervisor || name.startsWith("qemu-") || name.isEmpty()) {
                    return null;
                }
                return named("systemd-nspawn", name);
            }
        }
        return null;
    }

    private static Container named(String runtime, String name) {
        return new Container(runtime, name, name, null);
    }

    /** systemd's unit name escaping ({@code systemd-escape}): {@code \xNN} stands for the byte NN (UTF-8). */
    static String unescape(String escaped) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(escaped.length());
        byte[] bytes = escaped.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\\' && i + 3 < bytes.length && bytes[i + 1] == 'x') {
                int value = parseHex((char) bytes[i + 2], (char) bytes[i + 3]);
                if (value >= 0) {
                    out.write(value);
                    i += 3;
                    continue;
                }
            }
            out.write(bytes[i]);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int parseHex(char first, char second) {
        int high = Character.digit(first, 16);
        int low = Character.digit(second, 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }
}
