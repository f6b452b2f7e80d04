package dev.portscope.platform.linux.netlink;

import dev.portscope.platform.linux.ffm.LinuxConstants;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import org.junit.jupiter.api.Test;

/**
 * The kernel fills {@code idiag_uid} with 0 for sockets that have no owner ({@code inet_twsk_diag_fill},
 * {@code inet_req_diag_fill} in {@code net/ipv4/inet_diag.c}): that 0 is nobody, not root.
 */
class OwnerlessSocketsTest {

    private static final byte[] SHUTDOWN = Messages.attribute(InetDiagRequest.INET_DIAG_SHUTDOWN, new byte[] {0});

    private static Socket decode(int state, int timer, int uid, byte[] attributes) {
        byte[] bytes = new Messages().answer(LinuxConstants.AF_INET, state, timer, 0, 22, 40000, uid, 0, attributes).done().bytes();
        var decoded = new SockDiagDecoder(0, false).decodeAll(bytes, Protocol.TCP);
        assertThat(decoded.problems()).isEmpty();
        return decoded.sockets().getFirst();
    }

    @Test
    void timeWaitHasNoOwner() {
        Socket s = decode(6, 3, 0, new byte[0]);
        assertThat(s.uidKnown()).isFalse();
        assertThat(s.uid()).isEqualTo(Socket.UNKNOWN_UID);
    }

    @Test
    void theFinWait2SubStateOfATimeWaitSocketHasNoOwnerEither() {
        assertThat(decode(5, 3, 0, new byte[0]).uidKnown()).isFalse();
    }

    @Test
    void aConnectionRequestHasNoOwner() {
        assertThat(decode(3, 1, 0, new byte[0]).uidKnown()).isFalse();
    }

    @Test
    void fullSocketsKeepTheirUidRootIncluded() {
        assertThat(decode(3, 1, 1000, SHUTDOWN).uid()).as("a fast-open child in SYN_RECV").isEqualTo(1000);
        assertThat(decode(1, 0, 0, SHUTDOWN).uid()).as("root's connection").isZero();
        assertThat(decode(5, 0, 1000, SHUTDOWN).uid()).as("a FIN_WAIT2 socket a process still holds").isEqualTo(1000);
    }
}
