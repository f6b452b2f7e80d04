package dev.portscope.model;

import java.util.Arrays;

/**
 * Which processes hold each socket inode. Built once per scan; immutable afterwards.
 *
 * <p>A busy server has hundreds of thousands of socket descriptors, so this is an open-addressing
 * table of primitive {@code long} keys rather than a {@code Map<Long, List<Integer>>} (about a
 * tenth of the memory). A socket shared by several processes (after {@code fork}) lists each of them.
 */
public final class OwnerIndex {

    private static final int[] NONE = new int[0];
    private static final OwnerIndex EMPTY = new Builder().build();

    private final long[] keys;
    private final int[][] pids;
    private final int size;

    private OwnerIndex(long[] keys, int[][] pids, int size) {
        this.keys = keys;
        this.pids = pids;
        this.size = size;
    }

    public static OwnerIndex empty() {
        return EMPTY;
    }

    /** Pids of the processes holding this inode, in the order they were found; empty when unknown. */
    public int[] pidsOf(long inode) {
        if (inode == 0) {
            return NONE;
        }
        int slot = find(keys, inode);
        return keys[slot] == inode ? pids[slot].clone() : NONE;
    }

    /** Number of distinct socket inodes with at least one owner. */
    public int size() {
        return size;
    }

    private static int find(long[] keys, long inode) {
        int mask = keys.length - 1;
        int slot = Long.hashCode(inode * 0x9E3779B97F4A7C15L) & mask;
        while (keys[slot] != 0 && keys[slot] != inode) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Collects (inode, pid) pairs; not thread-safe. */
    public static final class Builder {
        private long[] keys = new long[1024];
        private int[][] pids = new int[1024][];
        private int size;

        /** Records that {@code pid} holds a descriptor on socket {@code inode}; repeats are ignored. */
        public Builder add(long inode, int pid) {
            if (inode == 0) {
                return this;
            }
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int slot = find(keys, inode);
            if (keys[slot] == 0) {
                keys[slot] = inode;
                pids[slot] = new int[] {pid};
                size++;
            } else {
                int[] held = pids[slot];
                for (int p : held) {
                    if (p == pid) {
                        return this;
                    }
                }
                int[] more = Arrays.copyOf(held, held.length + 1);
                more[held.length] = pid;
                pids[slot] = more;
            }
            return this;
        }

        /** Adds every pair of another builder (used to merge the work of parallel scanners). */
        public Builder addAll(Builder other) {
            for (int i = 0; i < other.keys.length; i++) {
                if (other.keys[i] != 0) {
                    for (int pid : other.pids[i]) {
                        add(other.keys[i], pid);
                    }
                }
            }
            return this;
        }

        public boolean contains(long inode) {
            return inode != 0 && keys[find(keys, inode)] == inode;
        }

        public int size() {
            return size;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[][] oldPids = pids;
            keys = new long[oldKeys.length * 2];
            pids = new int[oldKeys.length * 2][];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    int slot = find(keys, oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    pids[slot] = oldPids[i];
                }
            }
        }

        public OwnerIndex build() {
            return new OwnerIndex(keys.clone(), pids.clone(), size);
        }
    }
}
