package dev.portscope.platform;

import dev.portscope.model.OwnerIndex;

/**
 * The result of looking for socket owners in every process.
 *
 * @param owners              inode to pids
 * @param unreadableProcesses processes whose descriptors could not be read (not root, hidepid); other
 *                            failures are reported to the scan's log
 */
public record OwnerScan(OwnerIndex owners, int unreadableProcesses) {}
