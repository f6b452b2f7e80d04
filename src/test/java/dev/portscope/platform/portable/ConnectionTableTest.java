package dev.portscope.platform.portable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portscope.model.AddressText;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;
import org.junit.jupiter.api.Test;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;

/**
 * OSHI's rows as each system gives them (the shapes read in OSHI's {@code WindowsInternetProtocolStats},
 * {@code MacInternetProtocolStats} and {@code LinuxInternetProtocolStats}) turned into portscope's sockets.
 */
class ConnectionTableTest {

    private static final byte[] ANY4 = {0, 0, 0, 0};
    private static final byte[] LOOP4 = {127, 0, 0, 1};
    private static final byte[] ANY6 = new byte[16];
    private static final byte[] MAPPED_LOOP = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};

    private static IPConnection row(String type, byte[] local, int lport, byte[] remote, int rport, TcpState state, int pid) {
        return new IPConnection(type, local, lport, remote, rport, state, 7, 9, pid);
    }

    private static Socket only(IPConnection row, SystemKind system) {
        ConnectionTable table = ConnectionTable.of(List.of(row), system);
        assertThat(table.malformed()).isEmpty();
        assertThat(table.sockets()).hasSize(1);
        return table.sockets().getFirst();
    }

    @Test
    void aMacDualStackListenerIsTheIpv6WildcardThatTakesIpv4() {
        Socket s = only(row("tcp46", ANY4, 3000, ANY4, 0, TcpState.LISTEN, 501), SystemKind.MACOS);
        assertThat(s.family()).isEqualTo(IpFamily.IPV6);
        assertThat(s.local().address()).isInstanceOf(Inet6Address.class);
        assertThat(s.local().isWildcard()).isTrue();
        assertThat(s.v6Only()).isFalse();
        assertThat(AddressText.local(s)).isEqualTo("*:3000");
        assertThat(s.state()).isEqualTo(SocketState.LISTEN);
    }

    @Test
    void aMacDualStackConnectionCarriesIpv4MappedAddressesAsLinuxDoes() {
        Socket s = only(row("tcp46", LOOP4, 3000, LOOP4, 50000, TcpState.ESTABLISHED, 501), SystemKind.MACOS);
        assertThat(s.family()).isEqualTo(IpFamily.IPV6);
        assertThat(s.local().address()).isInstanceOf(Inet4Address.class); // the model's form of ::ffff:127.0.0.1
        assertThat(AddressText.endpoint(s.remote(), s.family())).isEqualTo("[::ffff:127.0.0.1]:50000");
    }

    @Test
    void sixteenBytesOfAnIpv4MappedAddressAreNormalised() {
        Socket s = only(row("tcp6", MAPPED_LOOP, 8080, MAPPED_LOOP, 40000, TcpState.ESTABLISHED, 10), SystemKind.WINDOWS);
        assertThat(s.local().address()).isInstanceOf(Inet4Address.class);
        assertThat(AddressText.local(s)).isEqualTo("[::ffff:127.0.0.1]:8080");
    }

    @Test
    void aMacIpv6OnlyWildcardIsV6OnlyAndElsewhereItIsUnknown() {
        assertThat(only(row("tcp6", ANY6, 22, ANY6, 0, TcpState.LISTEN, 1), SystemKind.MACOS).v6Only()).isTrue();
        assertThat(only(row("tcp6", ANY6, 22, ANY6, 0, TcpState.LISTEN, 1), SystemKind.WINDOWS).v6Only()).isNull();
    }

    @Test
    void windowsUdpHasNoPeerAndReadsAsUnconnectedWithUnknownQueues() {
        Socket s = only(row("udp4", ANY4, 53, new byte[0], 0, TcpState.NONE, 1200), SystemKind.WINDOWS);
        assertThat(s.protocol()).isEqualTo(Protocol.UDP);
        assertThat(s.state()).isEqualTo(SocketState.CLOSE);
        assertThat(s.isListening()).isTrue();
        assertThat(s.remote().isWildcard()).isTrue();
        assertThat(s.queuesKnown()).isFalse();
        assertThat(s.receiveQueue()).isEqualTo(Socket.UNKNOWN_QUEUE);
        assertThat(s.uidKnown()).isFalse();
    }

    @Test
    void macUdpWithAPeerIsConnected() {
        Socket s = only(row("udp4", LOOP4, 5353, LOOP4, 53, TcpState.NONE, 88), SystemKind.MACOS);
        assertThat(s.state()).isEqualTo(SocketState.ESTABLISHED);
        assertThat(s.isListening()).isFalse();
    }

    @Test
    void onlyLinuxQueuesAreByteCounts() {
        assertThat(only(row("tcp4", LOOP4, 80, LOOP4, 5000, TcpState.ESTABLISHED, 5), SystemKind.LINUX).receiveQueue()).isEqualTo(9);
        assertThat(only(row("tcp4", LOOP4, 80, LOOP4, 5000, TcpState.ESTABLISHED, 5), SystemKind.LINUX).sendQueue()).isEqualTo(7);
        assertThat(only(row("tcp4", LOOP4, 80, LOOP4, 5000, TcpState.ESTABLISHED, 5), SystemKind.MACOS).queuesKnown()).isFalse();
    }

    @Test
    void aWindowsDeleteTcbRowIsClosed() {
        Socket s = only(row("tcp4", LOOP4, 80, LOOP4, 5000, OshiLookups.windows(12), 5), SystemKind.WINDOWS);
        assertThat(s.state()).isEqualTo(SocketState.CLOSE);
    }

    @Test
    void aMacClosedSocketBoundToAPortIsBound() {
        Socket s = only(row("tcp4", LOOP4, 9000, ANY4, 0, OshiLookups.mac(0), 5), SystemKind.MACOS);
        assertThat(s.state()).isEqualTo(SocketState.BOUND_INACTIVE);
    }

    @Test
    void aSocketListedOncePerHolderIsOneSocketWithEveryHolder() {
        ConnectionTable table = ConnectionTable.of(List.of(
                row("tcp4", ANY4, 8000, ANY4, 0, TcpState.LISTEN, 100),
                row("tcp4", ANY4, 8000, ANY4, 0, TcpState.LISTEN, 101),
                row("tcp4", ANY4, 8001, ANY4, 0, TcpState.LISTEN, 100)), SystemKind.MACOS);
        assertThat(table.sockets()).hasSize(2);
        Socket shared = table.sockets().getFirst();
        assertThat(table.owners().pidsOf(shared.key())).containsExactly(100, 101);
        assertThat(shared.key()).isNotEqualTo(table.sockets().get(1).key());
    }

    @Test
    void keysAreTheSameInEveryReadAndZeroWhereNoProcessCanHoldTheSocket() {
        IPConnection listener = row("tcp6", ANY6, 443, ANY6, 0, TcpState.LISTEN, 4);
        long first = ConnectionTable.of(List.of(listener), SystemKind.WINDOWS).sockets().getFirst().key();
        long second = ConnectionTable.of(List.of(listener), SystemKind.WINDOWS).sockets().getFirst().key();
        assertThat(first).isNotZero().isEqualTo(second);
        assertThat(only(row("tcp4", LOOP4, 80, LOOP4, 5000, TcpState.TIME_WAIT, 0), SystemKind.WINDOWS).key()).isZero();
        assertThat(only(row("tcp4", LOOP4, 80, LOOP4, 5000, TcpState.ESTABLISHED, 0), SystemKind.WINDOWS).key()).isZero();
    }

    @Test
    void aSocketWhoseProcessOshiCouldNotNameHasAKeyAndNoOwner() {
        ConnectionTable table = ConnectionTable.of(List.of(row("tcp4", ANY4, 2024, ANY4, 0, TcpState.LISTEN, -1)), SystemKind.LINUX);
        Socket s = table.sockets().getFirst();
        assertThat(s.key()).isNotZero();
        assertThat(table.owners().pidsOf(s.key())).isEmpty();
    }

    @Test
    void aRowOfAnUnknownTypeIsLeftOutAndCounted() {
        ConnectionTable table = ConnectionTable.of(List.of(row("sctp4", LOOP4, 1, LOOP4, 2, TcpState.ESTABLISHED, 3),
                row("tcp4", new byte[5], 1, LOOP4, 2, TcpState.ESTABLISHED, 3)), SystemKind.LINUX);
        assertThat(table.sockets()).isEmpty();
        assertThat(table.malformed()).hasSize(2).anyMatch(m -> m.contains("sctp4")).anyMatch(m -> m.contains("5 bytes"));
        assertThatThrownBy(() -> ConnectionMapper.toSocket(row("tcp", LOOP4, 1, LOOP4, 2, null, 3), SystemKind.LINUX))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
