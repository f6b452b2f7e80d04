package dev.portscope.platform;

import java.util.List;

import dev.portscope.model.OwnerIndex;

/**
 * The result of looking for socket owners in every process.
 *
 * @param owners              inode to pids
 * @param unreadable processes whose descriptors could not be read (not root, hidepid, a process even
 *                   root may not inspect), in pid order; other failures are reported to the scan's log
 */
public record OwnerScan(OwnerIndex owners, List<Integer> unreadable) {

    public OwnerScan {
        unreadable = List.copyOf(unreadable);
    }

    /** A scan that read every process. */
    public OwnerScan(OwnerIndex owners) {
        this(owners, List.of());
    }

    public int unreadableProcesses() {
        return unreadable.size();
    }

    /** The unreadable processes for a message: {@code 1 process (pid 1)}, at most ten pids named. */
    public String unreadableText() {
        String pids = unreadable.stream().limit(10).map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        return unreadable.size() + (unreadable.size() == 1 ? " process (pid " : " processes (pids ") + pids
                + (unreadable.size() > 10 ? ", …" : "") + ")";
    }
}
