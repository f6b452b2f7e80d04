package dev.portscope.cli;

import dev.portscope.model.ProcessInfo;
import dev.portscope.render.ListingRow;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Comparator;

/** The orders {@code --sort} offers. */
enum RowOrder {
    PORT(Comparator.comparing((ListingRow r) -> r.socket().protocol()).thenComparingInt(r -> r.socket().local().port())),
    PID(Comparator.comparingInt(r -> r.owners().isEmpty() ? Integer.MAX_VALUE : r.owners().stream().mapToInt(ProcessInfo::pid).min().orElseThrow())),
    STATE(Comparator.comparing(r -> r.socket().state())),
    REMOTE(Comparator.comparing((ListingRow r) -> r.socket().remote().address(), RowOrder::compareAddresses)
            .thenComparingInt(r -> r.socket().remote().port()));

    private final Comparator<ListingRow> comparator;

    RowOrder(Comparator<ListingRow> comparator) {
        this.comparator = comparator.thenComparingInt(r -> r.socket().local().port());
    }

    Comparator<ListingRow> comparator() {
        return comparator;
    }

    /** IPv4 before IPv6, then by bytes. */
    private static int compareAddresses(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    }
}
