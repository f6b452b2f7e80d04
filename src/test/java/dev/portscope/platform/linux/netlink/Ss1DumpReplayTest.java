package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.DiagnosticLog;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * iproute2's {@code testsuite/tests/ss/ss1.dump}, kept beside the clone in {@code ../shared/fixtures}:
 * answers without requests (TCP), two dumps (IPv4, then IPv6), seven sockets.
 */
class Ss1DumpReplayTest {

    private static final Path SS1 = Path.of("../shared/fixtures/ss1.dump");

    record Row(IpFamily family, SocketState state, String local, int localPort, String remote, int remotePort, int uid, long inode) {
        static Row of(Socket s) {
            return new Row(s.family(), s.state(), s.local().address().getHostAddress(), s.local().port(),
                    s.remote().address().getHostAddress(), s.remote().port(), s.uid(), s.linux().inode());
        }
    }

    @BeforeEach
    void needsTheFile() {
        assumeTrue(Files.isRegularFile(SS1), "../shared/fixtures/ss1.dump is not beside this clone");
    }

    @Test
    void replaysExactlyTheSevenSocketsOfTheFixturesReadme() {
        DiagnosticLog log = new DiagnosticLog();
        List<Socket> sockets = new ArrayList<>();
        new ReplaySocketSource(SS1).scan(SocketQuery.all(), log, sockets::add);
        assertThat(log.diagnostics()).isEmpty();
        assertThat(sockets).map(Row::of).containsExactlyInAnyOrder(
                new Row(IpFamily.IPV4, SocketState.LISTEN, "0.0.0.0", 22, "0.0.0.0", 0, 0, 411),
                new Row(IpFamily.IPV4, SocketState.ESTABLISHED, "10.0.0.1", 22, "10.0.0.1", 36266, 0, 15840),
                new Row(IpFamily.IPV4, SocketState.ESTABLISHED, "10.0.0.1", 36266, "10.0.0.1", 22, 1000, 15057),
                new Row(IpFamily.IPV4, SocketState.ESTABLISHED, "10.0.0.1", 22, "10.0.0.2", 50312, 0, 15834),
                new Row(IpFamily.IPV6, SocketState.LISTEN, "0:0:0:0:0:0:0:0", 22, "0:0:0:0:0:0:0:0", 0, 0, 413),
                new Row(IpFamily.IPV6, SocketState.ESTABLISHED, "fec0:42:0:0:0:0:0:24", 40520, "fec0:42:0:0:0:0:0:1", 22, 1000, 1647),
                new Row(IpFamily.IPV6, SocketState.ESTABLISHED, "fec0:42:0:0:0:0:0:24", 22, "fec0:42:0:0:0:0:0:1", 44248, 0, 14185));
        assertThat(sockets).allSatisfy(s -> {
            assertThat(s.protocol()).isEqualTo(dev.portscope.model.Protocol.TCP);
            assertThat(s.linux().netns()).as("a recording's namespace is unknown").isZero();
        });
    }

    @Test
    void theQueryIsAppliedByFiltering() {
        List<Socket> ipv4Listeners = new ArrayList<>();
        new ReplaySocketSource(SS1).scan(SocketQuery.listening().withFamilies(Set.of(IpFamily.IPV4)), new DiagnosticLog(), ipv4Listeners::add);
        assertThat(ipv4Listeners).singleElement().satisfies(s -> {
            assertThat(s.local().address()).isEqualTo(InetAddress.ofLiteral("0.0.0.0"));
            assertThat(s.linux().inode()).isEqualTo(411);
        });

        List<Socket> udp = new ArrayList<>();
        new ReplaySocketSource(SS1).scan(SocketQuery.all().withProtocols(Set.of(dev.portscope.model.Protocol.UDP)), new DiagnosticLog(), udp::add);
        assertThat(udp).as("answers without a request are TCP").isEmpty();
    }
}
