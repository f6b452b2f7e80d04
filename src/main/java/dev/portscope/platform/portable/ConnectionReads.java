package dev.portscope.platform.portable;

import java.util.List;
import java.util.function.Supplier;
import oshi.software.os.InternetProtocolStats.IPConnection;

/**
 * OSHI's connection table, read once for a snapshot's two questions: which sockets there are and
 * which processes hold them. A snapshot asks both in a row, in either order ({@code Inventory}
 * asks for owners first when it streams), so a read made for one question is handed to the other
 * once, if it is less than two seconds old; every other question reads again.
 */
final class ConnectionReads {

    private static final long SHARED_FOR_NANOS = 2_000_000_000L;

    private final Supplier<List<IPConnection>> reader;
    private final SystemKind system;
    private ConnectionTable forSockets;
    private ConnectionTable forOwners;
    private long readAt;

    ConnectionReads(Supplier<List<IPConnection>> reader, SystemKind system) {
        this.reader = reader;
        this.system = system;
    }

    SystemKind system() {
        return system;
    }

    synchronized ConnectionTable forSockets() {
        ConnectionTable shared = forSockets;
        forSockets = null;
        if (shared != null && System.nanoTime() - readAt < SHARED_FOR_NANOS) {
            return shared;
        }
        forOwners = read();
        return forOwners;
    }

    synchronized ConnectionTable forOwners() {
        ConnectionTable shared = forOwners;
        forOwners = null;
        if (shared != null && System.nanoTime() - readAt < SHARED_FOR_NANOS) {
            return shared;
        }
        forSockets = read();
        return forSockets;
    }

    private ConnectionTable read() {
        ConnectionTable table = ConnectionTable.of(reader.get(), system);
        readAt = System.nanoTime();
        return table;
    }
}
