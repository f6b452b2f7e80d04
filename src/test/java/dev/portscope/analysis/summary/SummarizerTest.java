package dev.portscope.analysis.summary;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummarizerTest {

    private static Socket tcp(long inode, String remote, SocketState state) throws Exception {
        return new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(InetAddress.getByName("10.0.0.1"), 8080),
                new Endpoint(InetAddress.getByName(remote), state == SocketState.LISTEN ? 0 : 40000), state, 0, inode, 0, 0, null, null);
    }

    @Test
    void countsStatesProcessesAndRemotes() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        sockets.add(tcp(1, "0.0.0.0", SocketState.LISTEN));
        for (int i = 0; i < 5; i++) {
            sockets.add(tcp(10 + i, "10.0.0.7", SocketState.ESTABLISHED));
        }
        for (int i = 0; i < 3; i++) {
            sockets.add(tcp(20 + i, "10.0.0.8", SocketState.CLOSE_WAIT));
        }
        sockets.add(tcp(0, "10.0.0.9", SocketState.TIME_WAIT));
        sockets.add(tcp(99, "10.0.0.9", SocketState.ESTABLISHED)); // no known owner
        OwnerIndex.Builder owners = new OwnerIndex.Builder().add(1, 100).add(1, 101);
        for (int i = 0; i < 5; i++) {
            owners.add(10 + i, 101);
        }
        for (int i = 0; i < 3; i++) {
            owners.add(20 + i, 100);
        }
        var web = new ProcessInfo(100, 1, "web", List.of(), 0, "root", null);
        var worker = new ProcessInfo(101, 100, "worker", List.of(), 0, "root", null);
        Snapshot snapshot = new Snapshot(Instant.EPOCH, "h", sockets, Map.of(100, web, 101, worker), owners.build(), List.of());

        SocketSummary s = Summarizer.summarize(snapshot, 2);

        assertThat(s.total()).isEqualTo(11);
        assertThat(s.inState(Protocol.TCP, SocketState.ESTABLISHED)).isEqualTo(6);
        assertThat(s.inState(Protocol.TCP, SocketState.CLOSE_WAIT)).isEqualTo(3);
        assertThat(s.inState(Protocol.TCP, SocketState.TIME_WAIT)).isEqualTo(1);
        assertThat(s.topProcesses()).containsExactly(new Count<>(worker, 6), new Count<>(web, 4));
        assertThat(s.closeWaitByProcess()).containsExactly(new Count<>(web, 3));
        assertThat(s.topRemotes()).containsExactly(
                new Count<>(InetAddress.getByName("10.0.0.7"), 5), new Count<>(InetAddress.getByName("10.0.0.8"), 3));
        assertThat(s.unowned()).isEqualTo(1);
    }
}
