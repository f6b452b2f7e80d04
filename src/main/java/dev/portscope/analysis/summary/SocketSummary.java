package dev.portscope.analysis.summary;

import dev.portscope.model.IpFamily;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketState;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * Counts over a snapshot, like {@code ss -s} and more: sockets per protocol, family and state, the
 * processes holding the most sockets and the remote hosts with the most connections.
 *
 * @param total         sockets counted
 * @param byProtocolFamily counts per protocol, then family
 * @param byState       counts per protocol, then state
 * @param topProcesses  processes by the number of sockets they hold, most first
 * @param topRemotes    remote addresses by the number of connections to them, most first
 * @param closeWaitByProcess processes by their number of CLOSE_WAIT sockets, most first
 * @param unowned       sockets with an inode but no known process
 */
public record SocketSummary(
        long total,
        Map<Protocol, Map<IpFamily, Long>> byProtocolFamily,
        Map<Protocol, Map<SocketState, Long>> byState,
        List<Count<ProcessInfo>> topProcesses,
        List<Count<InetAddress>> topRemotes,
        List<Count<ProcessInfo>> closeWaitByProcess,
        long unowned) {

    public long inState(Protocol protocol, SocketState state) {
        return byState.getOrDefault(protocol, Map.of()).getOrDefault(state, 0L);
    }
}
