package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.AddressClaim;
import dev.portscope.model.IpFamily;
import dev.portscope.model.NetInterface;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder on the recording {@code addresses} (see the fixtures' README and its {@code capture.py}). */
class AddressesFixtureTest {

    private final SockDiagDecoder.Decoded decoded = new SockDiagDecoder(0, false).decodeAll(Fixtures.recording("addresses"), Protocol.TCP);

    private Socket listener(int port) {
        List<Socket> found = decoded.sockets().stream().filter(s -> s.state() == SocketState.LISTEN && s.local().port() == port).toList();
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    @Test
    void eachListenerKeepsWhatItsAddressMeans() throws Exception {
        assertThat(decoded.problems()).isEmpty();
        assertThat(listener(8001).v6Only()).isTrue();
        assertThat(listener(8002).v6Only()).isFalse();

        Socket mapped = listener(8003);
        assertThat(mapped.family()).isEqualTo(IpFamily.IPV6);
        assertThat(mapped.local().address()).isInstanceOf(Inet4Address.class).matches(InetAddress::isAnyLocalAddress);
        assertThat(AddressClaim.of(mapped, false)).isEqualTo(new AddressClaim(true, null, false, null));

        assertThat(listener(8004).local().device()).isEqualTo(new NetInterface(1, "lo", true));
        assertThat(listener(8005).local().device()).as("fe80::1 scoped to veth0, index 3 in the capturing namespace")
                .isEqualTo(new NetInterface(3, null, false));
        assertThat(listener(8006).local().device()).isEqualTo(new NetInterface(3, null, false));
    }

    @Test
    void theTimeWaitSocketHasNoOwner() {
        assertThat(decoded.sockets()).filteredOn(s -> s.state() == SocketState.TIME_WAIT)
                .singleElement().satisfies(s -> assertThat(s.uidKnown()).isFalse());
    }
}
