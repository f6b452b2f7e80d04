package dev.portscope.platform.linux.netlink;

import dev.portscope.platform.linux.ffm.LinuxConstants;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.NetInterface;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code idiag_if}: the interface a socket is bound to (SO_BINDTODEVICE, or a link-local address's scope). */
class BoundInterfaceDecodingTest {

    private static Socket decode(int ifindex, SockDiagDecoder decoder) {
        byte[] bytes = new Messages().answer(LinuxConstants.AF_INET, 10, 0, ifindex, 22, 0, 0, 4242, new byte[0]).done().bytes();
        var decoded = decoder.decodeAll(bytes, Protocol.TCP);
        assertThat(decoded.problems()).isEmpty();
        return decoded.sockets().getFirst();
    }

    @Test
    void theIndexBecomesTheNamedInterfaceOfTheLocalEnd() {
        var decoder = new SockDiagDecoder(0, false, BoundInterfaces.named(Map.of(7, "veth0")::get));
        Socket s = decode(7, decoder);
        assertThat(s.local().device()).isEqualTo(new NetInterface(7, "veth0", false));
        assertThat(s.remote().device()).isNull();
        assertThat(decode(1, decoder).local().device()).as("LOOPBACK_IFINDEX").isEqualTo(new NetInterface(1, "lo", true));
        assertThat(decode(0, decoder).local().device()).as("bound to none").isNull();
    }

    @Test
    void aRecordingKeepsTheIndexAndKnowsLoopback() {
        var replay = new SockDiagDecoder(0, false);
        assertThat(decode(7, replay).local().device()).isEqualTo(new NetInterface(7, null, false));
        assertThat(decode(1, replay).local().device()).isEqualTo(new NetInterface(1, "lo", true));
    }
}
