package dev.portscope.analysis.audit;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.OwnerIndex;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds snapshots by hand, for the exposure part of rules that a test cannot bind beyond loopback. */
final class Snapshots {

    private final List<Socket> sockets = new ArrayList<>();
    private final Map<Integer, ProcessInfo> processes = new HashMap<>();
    private final OwnerIndex.Builder owners = new OwnerIndex.Builder();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private long nextInode = 1000;

    static ProcessInfo process(int pid, String name, int uid, String user) {
        return new ProcessInfo(pid, 1, name, List.of(name), uid, user, null);
    }

    Socket listen(Protocol protocol, String address, int port, ProcessInfo owner) throws Exception {
        return add(protocol, address, port, protocol == Protocol.TCP ? SocketState.LISTEN : SocketState.CLOSE, owner);
    }

    Socket add(Protocol protocol, String address, int port, SocketState state, ProcessInfo owner) throws Exception {
        InetAddress a = InetAddress.getByName(address);
        IpFamily family = a instanceof java.net.Inet4Address ? IpFamily.IPV4 : IpFamily.IPV6;
        long inode = nextInode++;
        Socket s = new Socket(protocol, family, new Endpoint(a, port), new Endpoint(InetAddress.getByName(
                family == IpFamily.IPV4 ? "0.0.0.0" : "::"), 0), state, owner == null ? 0 : Math.max(owner.uid(), 0), inode, 0, 0, null, null);
        sockets.add(s);
        if (owner != null) {
            processes.put(owner.pid(), owner);
            owners.add(inode, owner.pid());
        }
        return s;
    }

    Snapshots partial() {
        diagnostics.add(new Diagnostic(Diagnostic.Kind.PERMISSION_DENIED, "owners hidden"));
        return this;
    }

    Snapshot build() {
        return new Snapshot(Instant.parse("2026-01-01T00:00:00Z"), "test-host", sockets, processes, owners.build(), diagnostics);
    }
}
