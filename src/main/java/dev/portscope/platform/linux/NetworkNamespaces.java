package dev.portscope.platform.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The network namespaces processes live in, each with one process inside: reading
 * {@code /proc/<pid>/net/*} of that process shows the sockets of its namespace without entering it.
 */
public final class NetworkNamespaces {

    private NetworkNamespaces() {}

    /**
     * @return namespace inode to the lowest pid living in it, in pid order; namespaces of processes
     *         whose links cannot be read (not root) are missing
     */
    public static Map<Long, Integer> withOneProcessEach(Path procRoot) {
        Map<Long, Integer> found = new LinkedHashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long netns = NamespaceIds.ofLink(entry.resolve("ns/net"));
                int pid = Integer.parseInt(name);
                if (netns != 0) {
                    found.merge(netns, pid, Math::min);
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return found;
    }
}
