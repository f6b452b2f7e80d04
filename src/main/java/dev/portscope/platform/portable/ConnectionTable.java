package dev.portscope.platform.portable;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.OwnerIndex;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.platform.DiagnosticLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oshi.software.os.InternetProtocolStats.IPConnection;

/**
 * One read of OSHI's connections as sockets and their owners. OSHI reports a socket once per
 * holder on macOS (it walks each process's descriptors) and gives no socket identity anywhere, so
 * rows with the same protocol, ends and state are one socket with all their processes. Its key
 * is a hash of its protocol and ends, the same in every read, so that the owner scan and the socket
 * scan of one snapshot agree even when they read OSHI separately. Pure: built from a list.
 *
 * @param sockets in OSHI's order, keys assigned; 0 for a socket no process can hold (TIME-WAIT,
 *                Windows' pid 0)
 * @param owners  key to pids
 * @param malformed how many rows could not be mapped (reported, and left out)
 */
public record ConnectionTable(List<Socket> sockets, OwnerIndex owners, List<String> malformed) {

    public ConnectionTable {
        sockets = List.copyOf(sockets);
        malformed = List.copyOf(malformed);
    }

    public static ConnectionTable of(List<IPConnection> connections, SystemKind system) {
        Map<Identity, Socket> sockets = new LinkedHashMap<>();
        OwnerIndex.Builder owners = new OwnerIndex.Builder(connections.size());
        List<String> malformed = new ArrayList<>();
        for (IPConnection connection : connections) {
            Socket socket;
            try {
                socket = ConnectionMapper.toSocket(connection, system);
            } catch (IllegalArgumentException e) {
                malformed.add(e.getMessage());
                continue;
            }
            int pid = connection.getowningProcessId();
            boolean holdable = socket.state() != SocketState.TIME_WAIT && !(system == SystemKind.WINDOWS && pid == 0);
            long key = holdable ? key(socket) : 0;
            Identity identity = new Identity(socket.protocol(), socket.family(), socket.local(), socket.remote(), socket.state());
            sockets.putIfAbsent(identity, withKey(socket, key));
            if (key != 0 && pid > 0) {
                owners.add(key, pid);
            }
        }
        return new ConnectionTable(new ArrayList<>(sockets.values()), owners.build(), malformed);
    }

    /** Says what could not be mapped, once, with the first few rows. */
    public void report(DiagnosticLog log) {
        if (!malformed.isEmpty()) {
            log.report(Diagnostic.Kind.MALFORMED_INPUT, malformed.size() + " connections from OSHI left out: "
                    + String.join("; ", malformed.subList(0, Math.min(3, malformed.size()))));
        }
    }

    private record Identity(Protocol protocol, IpFamily family, Endpoint local, Endpoint remote, SocketState state) {}

    private static Socket withKey(Socket s, long key) {
        return new Socket(s.protocol(), s.family(), s.local(), s.remote(), s.state(), s.uid(), key, s.receiveQueue(),
                s.sendQueue(), s.v6Only(), s.linux());
    }

    /** A 64-bit hash of the protocol, family and both ends (never 0): the same socket has the same key in every read. */
    static long key(Socket s) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, s.protocol().ordinal() * 2L + s.family().ordinal());
        for (Endpoint end : List.of(s.local(), s.remote())) {
            for (byte b : end.address().getAddress()) {
                h = mix(h, b & 0xff);
            }
            h = mix(h, end.port() + 0x10000L);
        }
        return h == 0 ? 1 : h;
    }

    private static long mix(long h, long value) {
        h ^= value;
        h *= 0x100000001b3L;
        return h ^ (h >>> 29);
    }
}
