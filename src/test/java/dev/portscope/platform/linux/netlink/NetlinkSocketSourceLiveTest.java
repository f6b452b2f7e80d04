package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.DiagnosticLog;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The live source against sockets this test opens on loopback. */
@Tag("live")
class NetlinkSocketSourceLiveTest {

    @BeforeAll
    static void needsNetlink() {
        assumeTrue(NetlinkSocketSource.unavailableReason().isEmpty(), () -> "no netlink here: " + NetlinkSocketSource.unavailableReason());
    }

    @Test
    void findsEachOwnSocketWithItsStateUidInodeAndNamespace() throws Exception {
        try (OwnSockets own = OwnSockets.open()) {
            DiagnosticLog log = new DiagnosticLog();
            List<Socket> found = own.ours(scan(new NetlinkSocketSource(Path.of("/proc")), SocketQuery.all(), log));
            Set<Long> held = OwnSockets.inodesOfThisProcess();
            int uid = OwnSockets.uidOfThisProcess();
            long netns = OwnSockets.networkNamespaceOfThisProcess();

            assertThat(log.diagnostics()).isEmpty();
            for (OwnSockets.Expected expected : own.expected) {
                List<Socket> matching = found.stream().filter(expected::matches).toList();
                assertThat(matching).as(expected.name()).hasSize(1);
                Socket socket = matching.getFirst();
                assertThat(socket.state()).as(expected.name()).isIn(expected.states());
                assertThat(socket.uid()).as(expected.name()).isEqualTo(uid);
                assertThat(held).as("inode of " + expected.name()).contains(socket.linux().inode());
                assertThat(socket.linux().netns()).isEqualTo(netns);
                assertThat(socket.tcpInfo()).isNull();
                assertThat(socket.linux().memory()).isNull();
            }
            assertThat(found).extracting(x -> x.linux().inode()).doesNotHaveDuplicates();
        }
    }

    @Test
    void pushingStatesDownGivesWhatThePlainFilterGives() throws Exception {
        try (OwnSockets own = OwnSockets.open()) {
            var source = new NetlinkSocketSource(Path.of("/proc"));
            List<Socket> all = own.ours(scan(source, SocketQuery.all(), new DiagnosticLog()));
            for (SocketQuery query : List.of(
                    SocketQuery.listening(),
                    SocketQuery.connections(),
                    SocketQuery.all().narrowedToStates(Set.of(SocketState.CLOSE)),
                    SocketQuery.all().narrowedToStates(Set.of(SocketState.ESTABLISHED)).withFamilies(Set.of(IpFamily.IPV4)),
                    SocketQuery.listening().withProtocols(Set.of(Protocol.UDP)))) {
                List<Socket> pushed = own.ours(scan(source, query, new DiagnosticLog()));
                assertThat(keys(pushed)).as("%s", query).containsExactlyInAnyOrderElementsOf(keys(all.stream().filter(query::matches).toList()));
            }
            assertThat(own.ours(scan(source, SocketQuery.listening(), new DiagnosticLog())))
                    .as("two listeners and one UDP socket").hasSize(3);
        }
    }

    @Test
    void detailsCarryTcpInfoAndMemoryWhenAskedFor() throws Exception {
        try (OwnSockets own = OwnSockets.open()) {
            var source = new NetlinkSocketSource(Path.of("/proc"), new NetlinkSocketSource.Settings(true, null));
            List<Socket> found = own.ours(scan(source, SocketQuery.all(), new DiagnosticLog()));
            Socket client = found.stream().filter(own.named("tcp client")::matches).findFirst().orElseThrow();
            assertThat(client.tcpInfo().congestionWindow()).isPositive();
            assertThat(client.linux().memory().receiveBuffer()).isPositive();
            Socket listener6 = found.stream().filter(own.named("tcp listener ::1")::matches).findFirst().orElseThrow();
            assertThat(listener6.v6Only()).as("the JDK sets IPV6_V6ONLY on INET6 channels").isTrue();
            Socket udp = found.stream().filter(own.named("udp 127.0.0.1")::matches).findFirst().orElseThrow();
            assertThat(udp.tcpInfo()).isNull();
            assertThat(udp.linux().memory()).isNotNull();
        }
    }

    @Test
    void aRecordingReplaysToTheSameSockets() throws Exception {
        try (OwnSockets own = OwnSockets.open()) {
            ByteArrayOutputStream recording = new ByteArrayOutputStream();
            var recorder = new NetlinkSocketSource(Path.of("/proc"), new NetlinkSocketSource.Settings(false, recording));
            List<Socket> live = own.ours(scan(recorder, SocketQuery.all(), new DiagnosticLog()));
            byte[] bytes = recording.toByteArray();

            ByteBuffer first = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
            assertThat(first.getShort(4)).as("starts with the TCPDIAG_GETSOCK request for both families").isEqualTo((short) 18);
            assertThat(first.getShort(6) & NetlinkHeader.NLM_F_REQUEST).isNotZero();

            var replayed = new SockDiagDecoder(0, false).decodeAll(bytes, Protocol.UDP /* overridden by the requests */);
            assertThat(replayed.problems()).isEmpty();
            assertThat(replayed.completedDumps()).as("tcp, udp/ipv4, udp/ipv6").isEqualTo(3);
            assertThat(keys(own.ours(replayed.sockets()))).containsExactlyInAnyOrderElementsOf(keys(live));
            assertThat(own.ours(replayed.sockets())).extracting(x -> x.linux().inode()).containsExactlyInAnyOrderElementsOf(
                    live.stream().map(x -> x.linux().inode()).toList());
        }
    }

    /** The one TCPDIAG_GETSOCK dump of both families answers exactly what two SOCK_DIAG_BY_FAMILY dumps answer. */
    @Test
    void oneDumpForBothFamiliesEqualsOneDumpPerFamily() throws Exception {
        try (OwnSockets own = OwnSockets.open()) {
            var source = new NetlinkSocketSource(Path.of("/proc"));
            SocketQuery tcp = SocketQuery.all().withProtocols(java.util.Set.of(Protocol.TCP));
            List<Socket> both = own.ours(scan(source, tcp, new DiagnosticLog()));
            List<Socket> apart = new ArrayList<>(own.ours(scan(source, tcp.withFamilies(java.util.Set.of(dev.portscope.model.IpFamily.IPV4)), new DiagnosticLog())));
            apart.addAll(own.ours(scan(source, tcp.withFamilies(java.util.Set.of(dev.portscope.model.IpFamily.IPV6)), new DiagnosticLog())));
            assertThat(both).extracting(s -> s.family()).contains(dev.portscope.model.IpFamily.IPV4, dev.portscope.model.IpFamily.IPV6);
            assertThat(keys(both)).containsExactlyInAnyOrderElementsOf(keys(apart));
            assertThat(both).extracting(x -> x.linux().inode()).containsExactlyInAnyOrderElementsOf(apart.stream().map(x -> x.linux().inode()).toList());
        }
    }

    static List<Socket> scan(dev.portscope.platform.SocketSource source, SocketQuery query, DiagnosticLog log) {
        List<Socket> sockets = new ArrayList<>();
        source.scan(query, log, sockets::add);
        return sockets;
    }

    /** Protocol, family, state and endpoints: what two scans of an unchanged socket agree on. */
    static List<String> keys(List<Socket> sockets) {
        return sockets.stream()
                .map(s -> s.protocol() + " " + s.family() + " " + s.state() + " " + s.local() + " " + s.remote())
                .toList();
    }
}
