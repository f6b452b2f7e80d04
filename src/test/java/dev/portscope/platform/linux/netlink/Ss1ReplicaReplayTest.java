package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.query.SocketQuery;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixture {@code ss1-replica}: the seven TCP sockets of iproute2's {@code ss1.dump}, opened for
 * real in a network namespace and recorded by {@code portscope record} (see the netlink fixtures'
 * README). Two files of the same recording: {@code recording.bin} as portscope writes it (each dump's
 * request, then its answers) and {@code ss.dump}, the answers alone, as ss replays them
 * ({@code TCPDIAG_FILE}): two dumps, IPv4 then IPv6.
 */
class Ss1ReplicaReplayTest {

    static final Path DIR = Fixtures.ROOT.resolve("ss1-replica");

    /** A socket with every field the manifest names. */
    record Row(IpFamily family, SocketState state, InetAddress local, int localPort, InetAddress remote, int remotePort, int uid, long inode) {
        static Row of(Socket s) {
            return new Row(s.family(), s.state(), s.local().address(), s.local().port(), s.remote().address(), s.remote().port(), s.uid(),
                    s.linux().inode());
        }

        /** Without the inode, which a new capture changes. */
        String shape() {
            return family + " " + state + " " + local.getHostAddress() + " " + localPort + " " + remote.getHostAddress() + " " + remotePort
                    + " " + uid;
        }
    }

    /** {@code manifest.tsv}: what the capturing program held, from its sockets' own addresses and fstat. */
    static List<Row> manifest() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("manifest.tsv"))) {
            String[] f = line.split("\t");
            String[] local = f[3].split(" ");
            String[] remote = f[4].split(" ");
            rows.add(new Row(IpFamily.valueOf(f[1].toUpperCase(Locale.ROOT)), SocketState.valueOf(f[2]), InetAddress.ofLiteral(local[0]),
                    Integer.parseInt(local[1]), InetAddress.ofLiteral(remote[0]), Integer.parseInt(remote[1]), Integer.parseInt(f[5]),
                    Long.parseLong(f[6])));
        }
        return rows;
    }

    static List<Socket> replay(String file, SocketQuery query) {
        DiagnosticLog log = new DiagnosticLog();
        List<Socket> sockets = new ArrayList<>();
        new ReplaySocketSource(DIR.resolve(file)).scan(query, log, sockets::add);
        assertThat(log.diagnostics()).isEmpty();
        return sockets;
    }

    @ParameterizedTest
    @ValueSource(strings = {"recording.bin", "ss.dump"})
    void replaysExactlyTheSocketsTheCaptureHeld(String file) throws IOException {
        List<Socket> sockets = replay(file, SocketQuery.all());
        assertThat(sockets).map(Row::of).containsExactlyInAnyOrderElementsOf(manifest());
        // the table of iproute2's ss1.dump (the fixtures README), inodes aside
        assertThat(sockets).map(s -> Row.of(s).shape()).containsExactlyInAnyOrder(
                "IPV4 LISTEN 0.0.0.0 22 0.0.0.0 0 0",
                "IPV4 ESTABLISHED 10.0.0.1 22 10.0.0.1 36266 0",
                "IPV4 ESTABLISHED 10.0.0.1 36266 10.0.0.1 22 1000",
                "IPV4 ESTABLISHED 10.0.0.1 22 10.0.0.2 50312 0",
                "IPV6 LISTEN 0:0:0:0:0:0:0:0 22 0:0:0:0:0:0:0:0 0 0",
                "IPV6 ESTABLISHED fec0:42:0:0:0:0:0:24 40520 fec0:42:0:0:0:0:0:1 22 1000",
                "IPV6 ESTABLISHED fec0:42:0:0:0:0:0:24 22 fec0:42:0:0:0:0:0:1 44248 0");
        assertThat(sockets).allSatisfy(s -> {
            assertThat(s.protocol()).isEqualTo(Protocol.TCP);
            assertThat(s.linux().netns()).as("a recording's namespace is unknown").isZero();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"recording.bin", "ss.dump"})
    void theQueryIsAppliedByFiltering(String file) {
        List<Socket> ipv4Listeners = replay(file, SocketQuery.listening().withFamilies(Set.of(IpFamily.IPV4)));
        assertThat(ipv4Listeners).singleElement().satisfies(s -> {
            assertThat(s.local().address()).isEqualTo(InetAddress.ofLiteral("0.0.0.0"));
            assertThat(s.local().port()).isEqualTo(22);
        });
        assertThat(replay(file, SocketQuery.all().withProtocols(Set.of(Protocol.UDP)))).as("a TCP recording has no UDP").isEmpty();
    }
}
