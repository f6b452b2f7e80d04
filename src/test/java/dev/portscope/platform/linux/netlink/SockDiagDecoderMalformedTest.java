package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.platform.linux.ffm.Errno;
import dev.portscope.platform.linux.ffm.LinuxConstants;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Truncated and corrupted input: a diagnostic naming the offset, never a crash or an invented socket. */
class SockDiagDecoderMalformedTest {

    private static final String CASE = "loopback-all-states";
    private final SockDiagDecoder decoder = new SockDiagDecoder(0, true);
    private final byte[] recording = Fixtures.recording(CASE);
    private final List<Socket> whole = decoder.decodeAll(recording, Protocol.TCP).sockets();

    @Test
    void everyTruncationOfARealRecordingKeepsOnlyWholeSocketsAndSaysWhere() {
        Set<Socket> known = new HashSet<>(whole);
        Set<Integer> boundaries = messageBoundaries(recording);
        for (int cut = 0; cut < recording.length; cut++) {
            var decoded = decoder.decodeAll(Arrays.copyOf(recording, cut), Protocol.TCP);
            assertThat(known).as("cut at %d", cut).containsAll(decoded.sockets());
            if (boundaries.contains(cut)) {
                assertThat(decoded.problems()).as("cut at message boundary %d", cut).isEmpty();
            } else {
                int at = cut;
                int lastStart = boundaries.stream().filter(b -> b < at).max(Integer::compare).orElseThrow();
                assertThat(decoded.problems()).as("cut at %d", cut)
                        .singleElement().asString().startsWith("byte " + lastStart + ": ");
            }
        }
    }

    @Test
    void aBadMessageLengthStopsTheBufferAndNamesTheOffset() {
        int second = messageBoundaries(recording).stream().sorted().skip(1).findFirst().orElseThrow();
        for (int badLength : new int[] {0, 8, 15, recording.length - second + 1, -1}) {
            byte[] copy = recording.clone();
            ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder()).putInt(second, badLength);
            var decoded = decoder.decodeAll(copy, Protocol.TCP);
            assertThat(decoded.problems()).as("nlmsg_len %d", badLength)
                    .singleElement().asString().startsWith("byte " + second + ": bad nlmsg_len " + Integer.toUnsignedString(badLength));
            assertThat(whole).containsAll(decoded.sockets());
        }
    }

    @Test
    void aShortInetDiagMsgIsSkippedAndTheRestKept() {
        byte[] shortOne = new Messages().answer(SocketStateCodes.LISTEN).bytes();
        ByteBuffer.wrap(shortOne).order(ByteOrder.nativeOrder()).putInt(0, NetlinkHeader.LENGTH + 40);
        byte[] bytes = new Messages().raw(Arrays.copyOf(shortOne, NetlinkHeader.LENGTH + 40)).answer(SocketStateCodes.ESTABLISHED).done().bytes();
        var decoded = decoder.decodeAll(bytes, Protocol.TCP);
        assertThat(decoded.problems()).containsExactly("byte 0: inet_diag_msg of 40 bytes, expected 72");
        assertThat(decoded.sockets()).singleElement().extracting(Socket::state).isEqualTo(SocketState.ESTABLISHED);
        assertThat(decoded.completedDumps()).isEqualTo(1);
    }

    @Test
    void badAttributeLengthsSkipTheSocketAndNameTheAttributesOffset() {
        int attributeAt = NetlinkHeader.LENGTH + SockDiagDecoder.MSG_LENGTH;
        for (int badLength : new int[] {0, 3, 9, 200}) {
            byte[] attr = Messages.attribute(InetDiagRequest.INET_DIAG_SHUTDOWN, new byte[] {0});
            ByteBuffer.wrap(attr).order(ByteOrder.nativeOrder()).putShort(0, (short) badLength);
            byte[] bytes = new Messages()
                    .answer(LinuxConstants.AF_INET, SocketStateCodes.LISTEN, 22, 0, 0, 1, attr)
                    .answer(SocketStateCodes.ESTABLISHED)
                    .done()
                    .bytes();
            var decoded = decoder.decodeAll(bytes, Protocol.TCP);
            assertThat(decoded.problems()).as("rta_len %d", badLength)
                    .singleElement().asString().startsWith("byte " + attributeAt + ": attribute 8 has bad length " + badLength);
            assertThat(decoded.sockets()).singleElement().extracting(Socket::state).isEqualTo(SocketState.ESTABLISHED);
        }
    }

    @Test
    void aTruncatedAttributeHeaderIsReported() {
        byte[] bytes = new Messages().answer(LinuxConstants.AF_INET, SocketStateCodes.LISTEN, 22, 0, 0, 1, new byte[] {8, 0}).bytes();
        var decoded = decoder.decodeAll(bytes, Protocol.TCP);
        assertThat(decoded.sockets()).isEmpty();
        assertThat(decoded.problems()).singleElement().asString()
                .startsWith("byte " + (NetlinkHeader.LENGTH + SockDiagDecoder.MSG_LENGTH) + ": truncated attribute header");
    }

    @Test
    void shortAttributePayloadsAreNotReadAsZero() {
        byte[] attrs = new Messages()
                .raw(Messages.attribute(InetDiagRequest.INET_DIAG_INFO, new byte[40]))
                .raw(Messages.attribute(InetDiagRequest.INET_DIAG_SKMEMINFO, new byte[8]))
                .bytes();
        var decoded = decoder.decodeAll(new Messages().answer(LinuxConstants.AF_INET, 1, 1, 2, 0, 1, attrs).bytes(), Protocol.TCP);
        assertThat(decoded.problems()).isEmpty();
        Socket socket = decoded.sockets().getFirst();
        assertThat(socket.tcpInfo()).isNull();
        assertThat(socket.linux().memory()).isNull();
    }

    @Test
    void unknownFamiliesAndMessageTypesAreReportedNotGuessed() {
        byte[] bytes = new Messages()
                .answer(1 /* AF_UNIX */, SocketStateCodes.LISTEN, 1, 2, 0, 1, new byte[0])
                .control(99, 0)
                .answer(SocketStateCodes.ESTABLISHED)
                .bytes();
        var decoded = decoder.decodeAll(bytes, Protocol.TCP);
        assertThat(decoded.problems()).containsExactly(
                "byte 0: inet_diag_msg with unknown address family 1",
                "byte 88: unexpected netlink message type 99");
        assertThat(decoded.sockets()).hasSize(1);
    }

    @Test
    void errorsAndFailedDumpsAreErrorsNotEmptyTables() {
        var eperm = decoder.decodeAll(new Messages().error(Errno.EPERM).bytes(), Protocol.TCP);
        assertThat(eperm.problems()).containsExactly("byte 0: dump failed with EPERM (operation not permitted)");
        assertThat(eperm.completedDumps()).isZero();

        var noUdpDiag = decoder.decodeAll(new Messages().error(Errno.ENOENT).bytes(), Protocol.UDP);
        assertThat(noUdpDiag.problems()).singleElement().asString().contains("ENOENT");

        var interruptedDone = decoder.decodeAll(new Messages().answer(1).control(NetlinkHeader.NLMSG_DONE, -Errno.EINVAL).bytes(), Protocol.TCP);
        assertThat(interruptedDone.problems()).containsExactly("byte 88: dump failed with EINVAL (invalid argument): the request is not understood by this kernel");

        var ack = decoder.decodeAll(new Messages().error(0).done().bytes(), Protocol.TCP);
        assertThat(ack.problems()).as("an NLMSG_ERROR of 0 is an acknowledgement").isEmpty();
        assertThat(ack.completedDumps()).isEqualTo(1);
    }

    @Test
    void randomBytesNeverCrashTheDecoder() {
        var random = new java.util.Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = recording.clone();
            for (int flips = 0; flips < 1 + random.nextInt(8); flips++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            var decoded = decoder.decodeAll(bytes, Protocol.TCP);
            assertThat(decoded.sockets().size()).isLessThanOrEqualTo(whole.size() + 2);
        }
    }

    /** Offsets where messages start, and the end of the recording. */
    static Set<Integer> messageBoundaries(byte[] bytes) {
        Set<Integer> starts = new HashSet<>();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        int pos = 0;
        while (pos < bytes.length) {
            starts.add(pos);
            pos += NetlinkHeader.align(b.getInt(pos));
        }
        starts.add(bytes.length);
        return starts;
    }

    /** Kernel state codes used above ({@code include/net/tcp_states.h}). */
    static final class SocketStateCodes {
        static final int ESTABLISHED = 1;
        static final int LISTEN = 10;
    }
}
