package dev.portscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class OwnerIndexTest {

    @Test
    void repeatsAreIgnoredAndZeroIsNoInode() {
        OwnerIndex index = new OwnerIndex.Builder().add(7, 1).add(7, 1).add(7, 2).add(0, 3).build();
        assertThat(index.pidsOf(7)).containsExactly(1, 2);
        assertThat(index.pidsOf(0)).isEmpty();
        assertThat(index.size()).isEqualTo(1);
    }

    @Property(tries = 200)
    void behavesLikeAMapOfSets(
            @ForAll @Size(max = 3000) List<@LongRange(min = 1, max = 5000) Long> inodes,
            @ForAll @IntRange(min = 1, max = 7) int pidModulus) {
        OwnerIndex.Builder builder = new OwnerIndex.Builder();
        Map<Long, Set<Integer>> expected = new HashMap<>();
        for (int i = 0; i < inodes.size(); i++) {
            long inode = inodes.get(i);
            int pid = 100 + i % pidModulus;
            builder.add(inode, pid);
            expected.computeIfAbsent(inode, k -> new LinkedHashSet<>()).add(pid);
        }
        OwnerIndex index = builder.build();
        assertThat(index.size()).isEqualTo(expected.size());
        expected.forEach((inode, pids) -> assertThat(index.pidsOf(inode)).containsExactly(pids.stream().mapToInt(Integer::intValue).toArray()));
        assertThat(index.pidsOf(5001)).isEmpty();
    }
}
