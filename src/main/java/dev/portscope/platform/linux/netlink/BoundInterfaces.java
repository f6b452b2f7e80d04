package dev.portscope.platform.linux.netlink;

import dev.portscope.model.NetInterface;
import java.util.function.IntFunction;

/**
 * Turns the {@code idiag_if} of a socket (the index of the interface it is bound to) into a model
 * interface. Indexes belong to one network namespace, so only the machine and namespace that made
 * the dump can name them; a recording keeps the index, and the loopback interface's, which is the same
 * everywhere.
 */
public final class BoundInterfaces {

    /**
     * The loopback interface's index in every network namespace: {@code LOOPBACK_IFINDEX} in
     * {@code include/net/flow.h}, which the kernel itself tests to tell loopback traffic.
     */
    static final int LOOPBACK_IFINDEX = 1;

    /** For recordings: the loopback interface is {@code lo}, any other keeps its index only. */
    public static final IntFunction<NetInterface> UNNAMED = index -> of(index, index == LOOPBACK_IFINDEX ? "lo" : null);

    private BoundInterfaces() {}

    /** @param names the interface names of the namespace that made the dump, null for an unknown index */
    public static IntFunction<NetInterface> named(IntFunction<String> names) {
        return index -> {
            String name = names.apply(index);
            return of(index, name != null ? name : index == LOOPBACK_IFINDEX ? "lo" : null);
        };
    }

    private static NetInterface of(int index, String name) {
        return new NetInterface(index, name, index == LOOPBACK_IFINDEX);
    }
}
