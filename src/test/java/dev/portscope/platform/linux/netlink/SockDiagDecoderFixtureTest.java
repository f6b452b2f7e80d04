package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decoder on a recording captured on loopback by {@link CaptureLoopbackFixture} (Linux 6.18, x86-64). */
class SockDiagDecoderFixtureTest {

    private static final String CASE = "loopback-all-states";

    private final SockDiagDecoder.Decoded decoded = new SockDiagDecoder(0, true).decodeAll(Fixtures.recording(CASE), Protocol.TCP);

    @Test
    void findsExactlyTheSocketsTheCapturingProgramOpened() {
        assertThat(decoded.problems()).isEmpty();
        assertThat(decoded.completedDumps()).as("tcp and udp, ipv4 and ipv6").isEqualTo(4);
        assertThat(Fixtures.keys(decoded.sockets())).doesNotHaveDuplicates();
        assertThat(Set.copyOf(Fixtures.keys(decoded.sockets()))).isEqualTo(Fixtures.manifest(CASE));
    }

    @Test
    void inodesAreTheCapturingProcessesSocketsExceptForTimeWait() {
        Set<Long> held = Fixtures.inodes(CASE);
        for (Socket socket : decoded.sockets()) {
            if (socket.state() == SocketState.TIME_WAIT) {
                assertThat(socket.linux().inode()).as("no file refers to a TIME_WAIT socket").isZero();
            } else {
                assertThat(held).as("inode of %s", socket).contains(socket.linux().inode());
            }
        }
        assertThat(decoded.sockets().stream().filter(s -> s.linux().inode() != 0).map(x -> x.linux().inode())).doesNotHaveDuplicates();
    }

    @Test
    void portsAndAddressesAreInNetworkOrderAndFamiliesKept() {
        Socket listener6 = only(decoded.sockets(), s -> s.family() == IpFamily.IPV6 && s.state() == SocketState.LISTEN);
        assertThat(listener6.local().address().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(listener6.remote().isWildcard()).isTrue();
        assertThat(listener6.local().port()).isBetween(1024, 65535);
    }

    @Test
    void detailsComeFromTheRecordedAttributes() {
        // the capturing program wrote 1000 bytes from each client to its accepted peer
        List<Socket> established = decoded.sockets().stream()
                .filter(s -> s.protocol() == Protocol.TCP && s.state() == SocketState.ESTABLISHED)
                .toList();
        assertThat(established).hasSize(4);
        for (Socket s : established) {
            assertThat(s.tcpInfo()).as("tcp_info of %s", s).isNotNull();
            assertThat(s.tcpInfo().congestionWindow()).isPositive();
            assertThat(s.tcpInfo().rttMicros()).isPositive();
            assertThat(s.linux().memory().receiveBuffer()).isPositive();
            assertThat(s.linux().memory().sendBuffer()).isPositive();
        }
        // tcpi_bytes_acked counts the SYN's sequence number as well: 1 + 1000 (tcp_ack_update: snd_una - prior)
        assertThat(established).anySatisfy(s -> assertThat(s.tcpInfo().bytesAcked()).isEqualTo(1001));
        assertThat(established).anySatisfy(s -> assertThat(s.tcpInfo().bytesReceived()).isEqualTo(1000));

        // IPV6_V6ONLY is sent for IPv6 sockets in LISTEN and CLOSE only (net/ipv4/inet_diag.c); the JDK sets
        // it on channels opened for StandardProtocolFamily.INET6, as the capturing program's are
        for (Socket s : decoded.sockets()) {
            boolean sent = s.family() == IpFamily.IPV6 && (s.state() == SocketState.LISTEN || s.state() == SocketState.CLOSE);
            assertThat(s.v6Only()).as("v6only of %s", s).isEqualTo(sent ? Boolean.TRUE : null);
        }
        assertThat(decoded.sockets()).filteredOn(s -> s.protocol() == Protocol.UDP)
                .allSatisfy(s -> assertThat(s.tcpInfo()).isNull());
    }

    @Test
    void withoutDetailsNoSocketCarriesAny() {
        var plain = new SockDiagDecoder(4026531840L, false).decodeAll(Fixtures.recording(CASE), Protocol.TCP);
        assertThat(plain.sockets()).hasSameSizeAs(decoded.sockets());
        assertThat(plain.sockets()).allSatisfy(s -> {
            assertThat(s.tcpInfo()).isNull();
            assertThat(s.linux().memory()).isNull();
            assertThat(s.linux().netns()).isEqualTo(4026531840L);
        });
    }

    private static Socket only(List<Socket> sockets, java.util.function.Predicate<Socket> which) {
        List<Socket> found = sockets.stream().filter(which).toList();
        assertThat(found).hasSize(1);
        return found.getFirst();
    }
}
