package dev.portscope.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Which processes hold each socket, by the socket's key ({@link Socket#key()}: the inode on Linux).
 * Built once per scan; immutable afterwards.
 *
 * <p>A busy server has hundreds of thousands of socket descriptors, so this is an open-addressing
 * table of primitive {@code long} keys and {@code int} pids rather than a
 * {@code Map<Long, List<Integer>>} (about a tenth of the memory). Most sockets have one holder;
 * a socket shared by several processes (after {@code fork}) keeps the rest in a small side map.
 */
public final class OwnerIndex {

    private static final int[] NONE = new int[0];
    private static final OwnerIndex EMPTY = new Builder().build();

    private final long[] keys;
    private final int[] firstPids;
    private final Map<Long, int[]> shared;
    private final int size;

    private OwnerIndex(long[] keys, int[] firstPids, Map<Long, int[]> shared, int size) {
        this.keys = keys;
        this.firstPids = firstPids;
        this.shared = shared;
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
        if (keys[slot] != inode) {
            return NONE;
        }
        int[] several = shared.get(inode);
        return several != null ? several.clone() : new int[] {firstPids[slot]};
    }

    /** Calls {@code action} once for every pid that holds some socket. */
    public void forEachPid(java.util.function.IntConsumer action) {
        java.util.BitSet seen = new java.util.BitSet();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                int[] several = shared.get(keys[i]);
                for (int pid : several == null ? new int[] {firstPids[i]} : several) {
                    if (pid >= 0 && !seen.get(pid)) {
                        seen.set(pid);
                        action.accept(pid);
                    }
                }
            }
        }
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

    /** Collects (inode, pid) pairs; not thread-safe. {@link #build} hands its tables over. */
    public static final class Builder {
        private long[] keys = new long[1024];
        private int[] firstPids = new int[1024];
        private final Map<Long, int[]> shared = new HashMap<>();
        private int size;
        private boolean built;

        /** Records that {@code pid} holds a descriptor on socket {@code inode}; repeats are ignored. */
        public Builder add(long inode, int pid) {
            if (built) {
                throw new IllegalStateException("already built");
            }
            if (inode == 0) {
                return this;
            }
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int slot = find(keys, inode);
            if (keys[slot] == 0) {
                keys[slot] = inode;
                firstPids[slot] = pid;
                size++;
            } else if (firstPids[slot] != pid) {
                int[] held = shared.getOrDefault(inode, new int[] {firstPids[slot]});
                for (int p : held) {
                    if (p == pid) {
                        return this;
                    }
                }
                int[] more = Arrays.copyOf(held, held.length + 1);
                more[held.length] = pid;
                shared.put(inode, more);
            }
            return this;
        }

        /** Adds every pair of another builder (used to merge the work of parallel scanners). */
        public Builder addAll(Builder other) {
            for (int i = 0; i < other.keys.length; i++) {
                long inode = other.keys[i];
                if (inode != 0) {
                    int[] several = other.shared.get(inode);
                    if (several == null) {
                        add(inode, other.firstPids[i]);
                    } else {
                        for (int pid : several) {
                            add(inode, pid);
                        }
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
            int[] oldPids = firstPids;
            keys = new long[oldKeys.length * 2];
            firstPids = new int[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    int slot = find(keys, oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    firstPids[slot] = oldPids[i];
                }
            }
        }

        /** The index, built on this builder's own tables: the builder takes no more pairs afterwards. */
        public OwnerIndex build() {
            built = true;
            return new OwnerIndex(keys, firstPids, shared, size);
        }
    }
}
