package dev.portscope.platform.linux;

import dev.portscope.model.Diagnostic;
import dev.portscope.platform.DiagnosticLog;
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
     * @param log told what could not be read: {@code /proc} itself, or the namespace links of
     *            processes that are not the reader's (not root); a process that exits meanwhile is
     *            normal churn, not reported
     * @return namespace inode to the lowest pid living in it, in pid order; namespaces seen only
     *         through unreadable links are missing
     */
    public static Map<Long, Integer> withOneProcessEach(Path procRoot, DiagnosticLog log) {
        Map<Long, Integer> found = new LinkedHashMap<>();
        int refused = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || name.length() > 10 || !name.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    continue;
                }
                Path link = entry.resolve("ns/net");
                long netns;
                try {
                    netns = NamespaceIds.readLink(link);
                } catch (IOException e) {
                    if (Failures.vanished(e)) {
                        continue;
                    }
                    Diagnostic.Kind kind = Failures.of(e);
                    if (kind == Diagnostic.Kind.PERMISSION_DENIED) {
                        refused++;
                    } else {
                        log.report(kind, link + ": " + Failures.reason(e) + ": the sockets of its network namespace may be missing");
                    }
                    continue;
                } catch (IllegalArgumentException e) {
                    log.malformed(link.toString(), e.getMessage());
                    continue;
                }
                found.merge(netns, Integer.parseInt(name), Math::min);
            }
        } catch (IOException e) {
            log.report(Failures.of(e), procRoot + ": cannot list processes (" + Failures.reason(e)
                    + "): sockets of other network namespaces not listed");
            return Map.of();
        }
        if (refused > 0) {
            log.report(Diagnostic.Kind.PERMISSION_DENIED, "the network namespaces of " + refused
                    + " processes are unreadable (not root, hidepid, or a process even root may not inspect): their sockets may be missing");
        }
        return found;
    }
}
