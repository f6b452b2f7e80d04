package dev.portscope.platform.linux;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts the distinct wanted inodes found so far by several scanning threads, so that a scan can stop
 * once all of them have an owner. A socket shared by processes scanned on two threads must count once,
 * hence a small lock-free set (open addressing, compare-and-set) instead of a sum of per-thread counts.
 */
final class OwnerCountdown {

    private final AtomicLongArray seen;
    private final AtomicInteger remaining;

    /** @param wanted how many distinct inodes the caller wants; -1 (unknown) never finishes */
    OwnerCountdown(int wanted) {
        int slots = Integer.highestOneBit(Math.clamp(wanted, 2, 1 << 28) * 2 - 1) * 2;
        this.seen = new AtomicLongArray(wanted < 0 ? 0 : slots);
        this.remaining = new AtomicInteger(wanted < 0 ? Integer.MAX_VALUE : wanted);
    }

    /** Records a found inode (non-zero); returns true when every wanted inode has now been found. */
    boolean found(long inode) {
        if (seen.length() == 0) {
            return false;
        }
        int mask = seen.length() - 1;
        int slot = Long.hashCode(inode * 0x9E3779B97F4A7C15L) & mask;
        for (int probes = 0; probes <= mask; probes++) {
            long held = seen.get(slot);
            if (held == inode) {
                return done();
            }
            if (held == 0 && seen.compareAndSet(slot, 0, inode)) {
                return remaining.decrementAndGet() <= 0;
            }
            if (seen.get(slot) == inode) {
                return done();
            }
            slot = (slot + 1) & mask;
        }
        return done(); // full: more distinct inodes than wanted were reported, so all are found
    }

    boolean done() {
        return remaining.get() <= 0;
    }
}
