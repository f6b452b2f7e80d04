package dev.portscope.platform.linux.netlink;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.platform.linux.ffm.LinuxConstants;
import dev.portscope.platform.linux.ffm.NetlinkSocket;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the fixture {@code fixtures/netlink/kernel-refusals}: what a real kernel answers to requests
 * it refuses, recorded as {@link NetlinkSocketSource} records. Two dumps: one for IP protocol 132
 * (SCTP, which portscope does not list; without {@code sctp_diag} the kernel has no handler), one
 * whose {@code inet_diag_req_v2} is cut short (the kernel checks the length). Run:
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes \
 *     dev.portscope.platform.linux.netlink.CaptureKernelRefusals src/test/resources/fixtures/netlink/kernel-refusals
 * </pre>
 */
public final class CaptureKernelRefusals {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        byte[] sctp = InetDiagRequest.dump(1, Protocol.TCP, IpFamily.IPV4, -1, false);
        sctp[NetlinkHeader.LENGTH + 1] = (byte) 132;
        byte[] cut = java.util.Arrays.copyOf(InetDiagRequest.dump(2, Protocol.TCP, IpFamily.IPV4, -1, false), NetlinkHeader.LENGTH + 8);
        ByteBuffer.wrap(cut).order(ByteOrder.nativeOrder()).putInt(0, cut.length);
        try (OutputStream out = Files.newOutputStream(dir.resolve("recording.bin"));
                NetlinkSocket socket = NetlinkSocket.open(LinuxConstants.NETLINK_SOCK_DIAG, 1 << 16)) {
            socket.receiveTimeout(5);
            for (byte[] request : new byte[][] {sctp, cut}) {
                out.write(request);
                socket.send(request);
                ByteBuffer answer = socket.receive(); // one NLMSG_ERROR each
                byte[] bytes = new byte[answer.remaining()];
                answer.get(bytes);
                out.write(bytes);
                System.err.println("answer: " + bytes.length + " bytes, type " + ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getShort(4)
                        + ", error " + ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getInt(16));
            }
        }
    }
}
