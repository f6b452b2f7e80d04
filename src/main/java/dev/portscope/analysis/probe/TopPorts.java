package dev.portscope.analysis.probe;

import dev.portscope.model.Protocol;
import dev.portscope.services.ServiceTable;
import java.util.stream.IntStream;

/** The well-known TCP ports of portscope's own table, for {@code scan --top N}. */
public final class TopPorts {

    private TopPorts() {}

    /** The first {@code n} TCP ports of the table, ascending (all of them when it has fewer). */
    public static int[] of(ServiceTable embedded, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--top must be at least 1, not " + n);
        }
        return IntStream.rangeClosed(1, 65_535)
                .filter(p -> embedded.lookup(Protocol.TCP, p).isPresent())
                .limit(n)
                .toArray();
    }
}
