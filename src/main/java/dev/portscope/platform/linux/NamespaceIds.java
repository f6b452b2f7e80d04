package dev.portscope.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads namespace ids, the inode numbers behind {@code /proc/<pid>/ns/*} ({@code namespaces(7)}). */
public final class NamespaceIds {

    private NamespaceIds() {}

    /** The network namespace of the reading process, or 0 when it cannot be told (a fixture tree). */
    public static long networkNamespace(Path procRoot) {
        return ofLink(procRoot.resolve("self/ns/net"));
    }

    /** The namespace a link such as {@code /proc/<pid>/ns/net} points to, or 0 when it cannot be read. */
    public static long ofLink(Path link) {
        try {
            return readLink(link);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    /**
     * As {@link #ofLink}, for a caller that tells why a link could not be read.
     *
     * @throws IOException              when the link cannot be read (the process exited, or is not the reader's)
     * @throws IllegalArgumentException when it is not a namespace link
     */
    public static long readLink(Path link) throws IOException {
        return parseLink(Files.readSymbolicLink(link).toString());
    }

    /** Parses {@code net:[4026531840]}. */
    static long parseLink(String link) {
        int open = link.indexOf('[');
        int close = link.lastIndexOf(']');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a namespace link: " + link);
        }
        return Long.parseLong(link, open + 1, close, 10);
    }
}
