package dev.portscope.platform.portable;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.Socket;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.SocketSource;
import dev.portscope.query.SocketQuery;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Sockets from OSHI's connection tables ({@code InternetProtocolStats.getConnections()}). */
final class PortableSocketSource implements SocketSource {

    private final ConnectionReads reads;
    private final BooleanSupplier elevated;

    PortableSocketSource(ConnectionReads reads, BooleanSupplier elevated) {
        this.reads = reads;
        this.elevated = elevated;
    }

    @Override
    public String name() {
        return "portable";
    }

    @Override
    public void scan(SocketQuery query, DiagnosticLog log, Consumer<Socket> sink) {
        ConnectionTable table = reads.forSockets();
        table.report(log);
        if (reads.system() == SystemKind.MACOS && !elevated.getAsBoolean()) {
            log.report(Diagnostic.Kind.PERMISSION_DENIED, "not root: macOS shows the sockets of other users' processes"
                    + " to root only, so those are missing (run with sudo to see every socket)");
        }
        for (Socket socket : table.sockets()) {
            if (query.matches(socket)) {
                sink.accept(socket);
            }
        }
    }
}
