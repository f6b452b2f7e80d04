package dev.portscope.platform;

import dev.portscope.model.OwnerIndex;

/**
 * The result of looking for socket owners.
 *
 * @param owners              inode to pids
 * @param unreadableProcesses processes whose descriptors could not be read (not root, hidepid)
 * @param complete            false when the scan stopped early because every wanted inode was found
 */
public record OwnerScan(OwnerIndex owners, int unreadableProcesses, boolean complete) {}
