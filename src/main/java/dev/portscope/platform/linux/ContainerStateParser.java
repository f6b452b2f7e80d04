package dev.portscope.platform.linux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The names in container runtimes' state files, parsed from their bytes. Each method throws
 * {@link IllegalArgumentException} with a one-line reason when the file is not what the runtime writes.
 */
final class ContainerStateParser {

    /** A container's name and its pod ({@code namespace/name}), either null when the file does not say. */
    record Names(String name, String pod) {}

    private final ObjectMapper json = new ObjectMapper();

    /**
     * Docker's {@code /var/lib/docker/containers/<id>/config.v2.json}: {@code "Name": "/web"}, the
     * name {@code docker ps} shows, with the leading slash of its legacy link namespace.
     */
    String dockerName(byte[] configV2) {
        JsonNode name = tree(configV2).path("Name");
        if (!name.isTextual() || name.asText().isEmpty()) {
            throw new IllegalArgumentException("no \"Name\" string");
        }
        String text = name.asText();
        return text.startsWith("/") ? text.substring(1) : text;
    }

    /**
     * containers/storage's {@code overlay-containers/containers.json} (Podman, and CRI-O's storage):
     * an array of {@code {"id": "...", "names": ["web"], ...}}.
     *
     * @return container id to its first name
     */
    Map<String, String> storageNames(byte[] containersJson) {
        JsonNode root = tree(containersJson);
        if (!root.isArray()) {
            throw new IllegalArgumentException("not a JSON array of containers");
        }
        Map<String, String> names = new HashMap<>();
        for (JsonNode container : root) {
            JsonNode id = container.path("id");
            JsonNode first = container.path("names").path(0);
            if (id.isTextual() && first.isTextual()) {
                names.put(id.asText(), first.asText());
            }
        }
        return names;
    }

    /**
     * An OCI bundle's {@code config.json} as containerd's CRI plugin writes it
     * ({@code io.kubernetes.cri.container-name}, {@code io.kubernetes.cri.sandbox-name},
     * {@code io.kubernetes.cri.sandbox-namespace}) or CRI-O does ({@code io.kubernetes.container.name},
     * {@code io.kubernetes.pod.name}, {@code io.kubernetes.pod.namespace}). A pod's sandbox (pause)
     * container has no container name: it is named after its pod.
     */
    Names ociAnnotations(byte[] config) {
        JsonNode annotations = tree(config).path("annotations");
        if (!annotations.isObject()) {
            throw new IllegalArgumentException("no \"annotations\" object");
        }
        String name = text(annotations, "io.kubernetes.cri.container-name", "io.kubernetes.container.name");
        String podName = text(annotations, "io.kubernetes.cri.sandbox-name", "io.kubernetes.pod.name");
        String podNamespace = text(annotations, "io.kubernetes.cri.sandbox-namespace", "io.kubernetes.pod.namespace");
        String pod = podName == null ? null : podNamespace == null ? podName : podNamespace + "/" + podName;
        if (name == null && pod != null) {
            name = podName; // the sandbox, which holds the pod's network namespace
        }
        return new Names(name, pod);
    }

    private static String text(JsonNode annotations, String... keys) {
        for (String key : keys) {
            JsonNode value = annotations.path(key);
            if (value.isTextual() && !value.asText().isEmpty()) {
                return value.asText();
            }
        }
        return null;
    }

    private JsonNode tree(byte[] bytes) {
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
