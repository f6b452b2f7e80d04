package dev.portscope.platform.linux;

import dev.portscope.model.Container;
import dev.portscope.model.Diagnostic;
import dev.portscope.platform.DiagnosticLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names containers from their runtimes' state on this machine, without asking a daemon:
 * <ul>
 * <li>Docker: {@code /var/lib/docker/containers/<id>/config.v2.json};
 * <li>Podman: containers/storage's {@code overlay-containers/containers.json}, under
 *     {@code /var/lib/containers/storage} (rootful) or {@code ~/.local/share/containers/storage} of
 *     the user whose service manager holds the container (rootless);
 * <li>containerd (CRI): the OCI bundle {@code /run/containerd/io.containerd.runtime.v2.task/<ns>/<id>/config.json};
 * <li>CRI-O: {@code /run/containers/storage/overlay-containers/<id>/userdata/config.json};
 * <li>LXC and systemd-nspawn: the cgroup already names the machine.
 * </ul>
 * Every file is read once a run, through {@link StateFiles} (under the state root, capped);
 * a file that is not what its runtime writes leaves the name unknown, with a note.
 */
final class ContainerNames {

    /** A config.v2.json or OCI config.json is a few kilobytes; the cap only stops a hostile file. */
    private static final int MAX_CONFIG_BYTES = 4 << 20;
    /** containers.json grows with the containers kept (about 1 kB each). */
    private static final int MAX_STORAGE_BYTES = 64 << 20;
    private static final String CONTAINERD_TASKS = "run/containerd/io.containerd.runtime.v2.task";

    private final StateFiles files;
    private final Path passwdFile;
    private final ContainerStateParser parser = new ContainerStateParser();
    private final Map<String, Container> named = new HashMap<>();
    private final Map<String, Map<String, String>> storageNames = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private List<String> containerdNamespaces;

    ContainerNames(Path stateRoot, Path passwdFile) {
        this.files = new StateFiles(stateRoot);
        this.passwdFile = passwdFile;
    }

    /**
     * The container with the name (and pod) its runtime's state gives, or as it came when the state
     * does not say.
     *
     * @param userUid the uid whose service manager holds it (a rootless container), -1 when none
     */
    synchronized Container name(Container container, int userUid) {
        if (container.name() != null) {
            return container;
        }
        String key = container.runtime() + "/" + container.id() + "/" + userUid;
        Container known = named.get(key);
        if (known == null) {
            known = lookUp(container, userUid);
            named.put(key, known);
        }
        return known;
    }

    /** Hands the notes gathered so far (files refused or malformed) to the log, each once. */
    synchronized void reportTo(DiagnosticLog log) {
        for (String note : new java.util.LinkedHashSet<>(notes)) {
            log.report(Diagnostic.Kind.NOTE, note);
        }
        notes.clear();
    }

    private Container lookUp(Container c, int userUid) {
        if (!c.id().matches("[0-9a-f]{64}")) {
            return c; // only runtime-made ids go into paths
        }
        return switch (c.runtime()) {
            case "docker" -> docker(c);
            case "podman" -> podman(c, userUid);
            case "containerd" -> containerd(c).orElse(c);
            case "cri-o" -> crio(c).orElse(c);
            case "kubernetes" -> containerd(c).or(() -> crio(c)).orElse(c); // the cgroupfs driver's path does not say which
            default -> c;
        };
    }

    private Container docker(Container c) {
        String path = "var/lib/docker/containers/" + c.id() + "/config.v2.json";
        return read(path, MAX_CONFIG_BYTES)
                .map(bytes -> parse(path, () -> parser.dockerName(bytes)))
                .map(name -> new Container(c.runtime(), c.id(), name, null))
                .orElse(c);
    }

    private Container podman(Container c, int userUid) {
        String storage = "var/lib/containers/storage";
        if (userUid >= 0) {
            Optional<String> home = PasswdUsers.homeOf(passwdFile, userUid);
            if (home.isEmpty()) {
                return c;
            }
            storage = home.get().substring(1) + "/.local/share/containers/storage";
        }
        String name = storageNames(storage + "/overlay-containers/containers.json").get(c.id());
        return name == null ? c : new Container(c.runtime(), c.id(), name, null);
    }

    private Optional<Container> containerd(Container c) {
        if (containerdNamespaces == null) {
            List<String> found = new ArrayList<>(files.list(CONTAINERD_TASKS));
            found.sort((a, b) -> Boolean.compare(!a.equals("k8s.io"), !b.equals("k8s.io"))); // Kubernetes' first
            containerdNamespaces = found;
        }
        for (String namespace : containerdNamespaces) {
            String path = CONTAINERD_TASKS + "/" + namespace + "/" + c.id() + "/config.json";
            Optional<byte[]> bytes = read(path, MAX_CONFIG_BYTES);
            if (bytes.isPresent()) {
                ContainerStateParser.Names names = parse(path, () -> parser.ociAnnotations(bytes.get()));
                return Optional.of(names == null ? Container.unnamed("containerd", c.id())
                        : new Container("containerd", c.id(), names.name(), names.pod()));
            }
        }
        return Optional.empty();
    }

    private Optional<Container> crio(Container c) {
        String path = "run/containers/storage/overlay-containers/" + c.id() + "/userdata/config.json";
        Optional<byte[]> bytes = read(path, MAX_CONFIG_BYTES);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        ContainerStateParser.Names names = parse(path, () -> parser.ociAnnotations(bytes.get()));
        return Optional.of(names == null ? Container.unnamed("cri-o", c.id()) : new Container("cri-o", c.id(), names.name(), names.pod()));
    }

    private Map<String, String> storageNames(String path) {
        return storageNames.computeIfAbsent(path, p -> read(p, MAX_STORAGE_BYTES)
                .map(bytes -> parse(p, () -> parser.storageNames(bytes)))
                .orElse(Map.of()));
    }

    private Optional<byte[]> read(String path, int cap) {
        try {
            return files.read(path, cap);
        } catch (StateFiles.Refused e) {
            if (e.denied()) {
                // one note a runtime, not one a container: /var/lib/docker is root's alone
                String runtimeDir = String.join("/", java.util.Arrays.asList(path.split("/")).subList(0, Math.min(3, path.split("/").length)));
                notes.add("container names unknown: /" + runtimeDir + " is not readable (permission denied; root may read it)");
            } else {
                notes.add("container name unknown: " + e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** The parsed value, or null with a note when the file is malformed. */
    private <T> T parse(String path, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            notes.add("container name unknown: /" + path + " is malformed (" + e.getMessage() + ")");
            return null;
        }
    }
}
