package dev.portscope.platform.linux;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * A set of non-zero {@code long}s (socket inodes) in one open-addressing array: the tracker builds
 * several of a few hundred thousand keys every refresh, and a {@code HashSet<Long>} would box each one.
 */
final class LongSet {

    private long[] slots;
    private int size;

    LongSet(int expected) {
        slots = new long[Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1];
    }

    /** @return true when {@code key} was not in the set; 0 is never a member */
    boolean add(long key) {
        if (key == 0) {
            return false;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int slot = find(slots, key);
        if (slots[slot] == key) {
            return false;
        }
        slots[slot] = key;
        size++;
        return true;
    }

    boolean contains(long key) {
        return key != 0 && slots[find(slots, key)] == key;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void forEach(LongConsumer action) {
        for (long key : slots) {
            if (key != 0) {
                action.accept(key);
            }
        }
    }

    private static int find(long[] slots, long key) {
        int mask = slots.length - 1;
        int slot = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
        while (slots[slot] != 0 && slots[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long key : old) {
            if (key != 0) {
                slots[find(slots, key)] = key;
            }
        }
    }

    @Override
    public String toString() {
        long[] keys = new long[size];
        int[] i = {0};
        forEach(k -> keys[i[0]++] = k);
        Arrays.sort(keys);
        return Arrays.toString(keys);
    }
}
