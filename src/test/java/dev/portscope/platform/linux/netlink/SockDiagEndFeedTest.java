package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.LinuxSocket;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.platform.DiagnosticLog;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end feed's pure parts: which kernels have the notices, and the sharing of address objects. */
class SockDiagEndFeedTest {

    @Test
    void destroyGroupsCameWithLinux42() {
        assertThat(SockDiagEndFeed.hasDestroyGroups("6.18.44-fc-v782")).isTrue();
        assertThat(SockDiagEndFeed.hasDestroyGroups("4.2.0-1-amd64")).isTrue();
        assertThat(SockDiagEndFeed.hasDestroyGroups("4.19.0")).isTrue();
        assertThat(SockDiagEndFeed.hasDestroyGroups("5.0")).isTrue();
        assertThat(SockDiagEndFeed.hasDestroyGroups("4.1.52")).isFalse();
        assertThat(SockDiagEndFeed.hasDestroyGroups("3.10.0-1160.el7.x86_64")).isFalse();
        assertThat(SockDiagEndFeed.hasDestroyGroups("2.6.32")).isFalse();
        assertThat(SockDiagEndFeed.hasDestroyGroups("unknown")).as("unreadable: given the benefit of the doubt").isTrue();
    }

    @Test
    void anOldKernelIsToldOnceAndGivesNoFeed(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("sys/kernel"));
        Files.writeString(proc.resolve("sys/kernel/osrelease"), "4.1.52-generic\n");
        DiagnosticLog log = new DiagnosticLog();

        assertThat(SockDiagEndFeed.open(proc, log)).isEmpty();
        assertThat(log.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Diagnostic.Kind.UNAVAILABLE);
            assertThat(d.message()).contains("connections shorter than one refresh are missed");
        });
    }

    @Test
    void waitingSocketsShareOneObjectPerAddress() {
        var addresses = new SockDiagEndFeed.Addresses();
        Socket first = addresses.share(socket("127.0.0.1", 40000, "10.0.0.1", 443));
        Socket second = addresses.share(socket("127.0.0.1", 40001, "10.0.0.1", 443));

        assertThat(second.local().address()).isSameAs(first.local().address());
        assertThat(second.remote().address()).isSameAs(first.remote().address());
        assertThat(second).isEqualTo(socket("127.0.0.1", 40001, "10.0.0.1", 443));
        assertThat(second.linux().cookie()).isEqualTo(40001);
    }

    @Test
    void aSocketWhoseAddressesAreNewIsKeptAsItCame() {
        var addresses = new SockDiagEndFeed.Addresses();
        Socket s = socket("::1", 40000, "::2", 443);
        assertThat(addresses.share(s)).isSameAs(s);
    }

    @Test
    void theSharedAddressesAreBounded() {
        var addresses = new SockDiagEndFeed.Addresses();
        Socket first = addresses.share(socket("10.1.0.0", 1, "10.2.0.0", 1));
        for (int i = 1; i < 4_095; i++) {
            addresses.share(socket("10.1." + (i >> 8) + "." + (i & 0xFF), 1, "10.2.0.0", 1));
        }
        // 4,096 addresses known (4,095 local, one remote): the next new one makes it forget them all
        Socket again = addresses.share(socket("10.1.0.0", 2, "10.2.0.0", 2));
        assertThat(again.local().address()).isSameAs(first.local().address());
        addresses.share(socket("10.3.0.0", 1, "10.2.0.0", 1));
        Socket afterForgetting = addresses.share(socket("10.1.0.0", 3, "10.2.0.0", 3));
        assertThat(afterForgetting.local().address()).isNotSameAs(first.local().address()).isEqualTo(first.local().address());
    }

    private static Socket socket(String local, int localPort, String remote, int remotePort) {
        InetAddress l = InetAddress.ofLiteral(local);
        return new Socket(Protocol.TCP, l.getAddress().length == 4 ? IpFamily.IPV4 : IpFamily.IPV6,
                new Endpoint(l, localPort), new Endpoint(InetAddress.ofLiteral(remote), remotePort), SocketState.CLOSE,
                Socket.UNKNOWN_UID, 0, 0, 0, null, new LinuxSocket(0, localPort, 0, null, null));
    }
}
