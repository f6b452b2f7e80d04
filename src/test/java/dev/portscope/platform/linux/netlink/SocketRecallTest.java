package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A watching decoder hands out the previous scan's object for a socket whose message did not change, and only then. */
class SocketRecallTest {

    private static final String CASE = "loopback-all-states";

    @Test
    void anUnchangedSocketIsTheSameObjectAndAChangedOneANewEqualToAFreshDecode() {
        byte[] recording = Fixtures.recording(CASE);
        SocketRecall first = new SocketRecall(16);
        List<Socket> before = decode(recording, null, first);
        SocketRecall second = first.next();
        List<Socket> again = decode(recording, first, second);

        assertThat(again).hasSameSizeAs(before);
        for (int i = 0; i < again.size(); i++) {
            if (again.get(i).linux().cookie() != 0) {
                assertThat(again.get(i)).isSameAs(before.get(i));
            }
        }
        assertThat(second.size()).isEqualTo(first.size());

        // a changed receive queue (inet_diag_msg offset 56 of the first socket message) is a new object, decoded afresh
        byte[] changed = recording.clone();
        int at = firstSocketBody(changed) + 56;
        changed[at] ^= 1;
        List<Socket> fresh = new SockDiagDecoder(0, false).decodeAll(changed, Protocol.TCP).sockets();
        List<Socket> recalled = decode(changed, second, second.next());
        assertThat(recalled).isEqualTo(fresh);
        assertThat(recalled.getFirst()).isNotSameAs(again.getFirst());
        assertThat(recalled.getFirst().receiveQueue()).isNotEqualTo(again.getFirst().receiveQueue());
    }

    private static List<Socket> decode(byte[] recording, SocketRecall previous, SocketRecall next) {
        SockDiagDecoder decoder = new SockDiagDecoder(0, false);
        decoder.recall(previous, next);
        return decoder.decodeAll(recording, Protocol.TCP).sockets();
    }

    /** The offset of the first answer's body: SOCK_DIAG_BY_FAMILY (type 20) without NLM_F_REQUEST (a request has the same type). */
    private static int firstSocketBody(byte[] bytes) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.nativeOrder());
        for (int pos = 0; pos + 16 <= bytes.length; ) {
            int length = b.getInt(pos);
            if (Short.toUnsignedInt(b.getShort(pos + 4)) == 20 && (b.getShort(pos + 6) & 1) == 0) {
                return pos + 16;
            }
            pos += (length + 3) & ~3;
        }
        throw new IllegalStateException("no socket message");
    }
}
