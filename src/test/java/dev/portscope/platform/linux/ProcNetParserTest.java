package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.testing.Fixtures;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The /proc/net parser on files captured from a Debian 12 machine (x86_64, little-endian). */
class ProcNetParserTest {

    private static List<Socket> scan(String fixture, SocketQuery query, DiagnosticLog log) {
        List<Socket> found = new ArrayList<>();
        new ProcNetSocketSource(Fixtures.path(fixture)).scan(query, log, found::add);
        return found;
    }

    private static Socket byInode(List<Socket> sockets, long inode) {
        return sockets.stream().filter(s -> s.linux().inode() == inode).findFirst().orElseThrow();
    }

    @Test
    void decodesEveryKindOfSocketOfTheCapture() throws Exception {
        DiagnosticLog log = new DiagnosticLog();
        List<Socket> all = scan("proc/debian12-loopback", SocketQuery.all(), log);

        assertThat(log.diagnostics()).isEmpty();
        assertThat(all).hasSize(6 + 2 + 1 + 1);

        Socket listener = byInode(all, 5967);
        assertThat(listener.protocol()).isEqualTo(Protocol.TCP);
        assertThat(listener.family()).isEqualTo(IpFamily.IPV4);
        assertThat(listener.state()).isEqualTo(SocketState.LISTEN);
        assertThat(listener.local().address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(listener.local().port()).isEqualTo(8080);
        assertThat(listener.remote().isWildcard()).isTrue();

        Socket closeWait = byInode(all, 5973);
        assertThat(closeWait.state()).isEqualTo(SocketState.CLOSE_WAIT);
        assertThat(closeWait.remote().port()).isEqualTo(0xDEB2);
        assertThat(closeWait.receiveQueue()).isEqualTo(1);

        Socket finWait = all.stream().filter(s -> s.state() == SocketState.FIN_WAIT2).findFirst().orElseThrow();
        assertThat(finWait.linux().inode()).isZero();
        assertThat(finWait.uidKnown()).as("a TIME_WAIT socket in its FIN_WAIT2 sub-state (timer 3) has no owner").isFalse();
        assertThat(listener.uid()).as("root's listener stays root's").isZero();

        Socket v6Loopback = byInode(all, 5968);
        assertThat(v6Loopback.family()).isEqualTo(IpFamily.IPV6);
        assertThat(v6Loopback.local().address()).isEqualTo(InetAddress.getByName("::1"));
        assertThat(v6Loopback.local().port()).isEqualTo(5432);

        Socket v6Wildcard = byInode(all, 5969);
        assertThat(v6Wildcard.local().isWildcard()).isTrue();
        assertThat(v6Wildcard.local().port()).isEqualTo(2222);

        Socket udp = byInode(all, 5974);
        assertThat(udp.protocol()).isEqualTo(Protocol.UDP);
        assertThat(udp.state()).isEqualTo(SocketState.CLOSE);
        assertThat(udp.isListening()).isTrue();

        Socket mapped = byInode(all, 5975);
        assertThat(mapped.family()).isEqualTo(IpFamily.IPV6);
        assertThat(mapped.state()).isEqualTo(SocketState.ESTABLISHED);
        assertThat(mapped.local().address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(mapped.remote().port()).isEqualTo(53);
    }

    @Test
    void skipsStatesTheQueryDoesNotWant() {
        List<Socket> listening = scan("proc/debian12-loopback", SocketQuery.listening(), new DiagnosticLog());
        assertThat(listening).allMatch(Socket::isListening);
        assertThat(listening).extracting(x -> x.linux().inode()).containsExactlyInAnyOrder(1061L, 5967L, 5968L, 5969L, 5974L);
    }

    @Test
    void familyAndProtocolSelectionReadsOnlyThoseFiles() {
        var query = SocketQuery.all().withProtocols(EnumSet.of(Protocol.UDP)).withFamilies(EnumSet.of(IpFamily.IPV6));
        assertThat(scan("proc/debian12-loopback", query, new DiagnosticLog()))
                .extracting(x -> x.linux().inode())
                .containsExactly(5975L);
    }

    @Test
    void malformedLinesAreReportedWithFileAndLineAndTheRestIsKept() {
        DiagnosticLog log = new DiagnosticLog();
        var query = SocketQuery.all().withProtocols(EnumSet.of(Protocol.TCP)).withFamilies(EnumSet.of(IpFamily.IPV4));
        List<Socket> found = scan("proc/malformed", query, log);

        assertThat(found).extracting(x -> x.linux().inode()).containsExactly(1061L, 5973L);
        assertThat(log.diagnostics()).hasSize(4);
        assertThat(log.diagnostics().get(0).message()).matches(".*/net/tcp:3: address is not 8 hex digits.*");
        assertThat(log.diagnostics().get(1).message()).matches(".*/net/tcp:4: not a hex digit: 'G'.*");
        assertThat(log.diagnostics().get(2).message()).matches(".*/net/tcp:5: truncated line.*");
        assertThat(log.diagnostics().get(3).message()).matches(".*/net/tcp:6: .*");
        assertThat(log.diagnostics()).allMatch(d -> d.kind().partial());
    }

    @Test
    void aMissingIpv4TableIsNotFoundNotPermissionDenied(@org.junit.jupiter.api.io.TempDir java.nio.file.Path proc) throws Exception {
        java.nio.file.Files.createDirectories(proc.resolve("net"));
        DiagnosticLog log = new DiagnosticLog();
        var query = SocketQuery.all().withFamilies(EnumSet.of(IpFamily.IPV4)).withProtocols(EnumSet.of(Protocol.UDP));
        new ProcNetSocketSource(proc).scan(query, log, s -> {});
        assertThat(log.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(dev.portscope.model.Diagnostic.Kind.NOT_FOUND);
            assertThat(d.kind().partial()).isTrue();
            assertThat(d.message()).contains("net/udp is missing: udp sockets not listed");
        });
    }

    @Test
    void missingIpv6FilesAreANoteNotAFailure() {
        DiagnosticLog log = new DiagnosticLog();
        var query = SocketQuery.all().withFamilies(EnumSet.of(IpFamily.IPV6)).withProtocols(EnumSet.of(Protocol.TCP));
        assertThat(scan("proc/malformed", query, log)).isEmpty();
        assertThat(log.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind().partial()).isFalse();
            assertThat(d.message()).contains("IPv6 is disabled");
        });
    }

    @Test
    void aTimeWaitSocketHasNoOwnerThoughTheFileSaysUid0() {
        // as get_timewait4_sock (net/ipv4/tcp_ipv4.c) writes it: state 06, timer 3, uid 0, inode 0
        var parser = new ProcNetParser(Protocol.TCP, IpFamily.IPV4, 0, "tcp", ByteOrder.LITTLE_ENDIAN);
        byte[] line = "   6: 0100007F:1F90 0100007F:DEC2 06 00000000:00000000 03:00001579 00000000     0        0 0 3 0000000012345678"
                .getBytes(StandardCharsets.US_ASCII);
        List<Socket> found = new ArrayList<>();
        assertThat(parser.parseLine(line, 0, line.length, 7, EnumSet.allOf(SocketState.class), found::add)).isNull();
        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(SocketState.TIME_WAIT);
            assertThat(s.uid()).isEqualTo(Socket.UNKNOWN_UID);
        });
    }

    @Test
    void decodesBigEndianMachines() throws Exception {
        // The same socket as written by a big-endian machine: the words are not byte-swapped.
        var parser = new ProcNetParser(Protocol.TCP, IpFamily.IPV4, 0, "tcp", ByteOrder.BIG_ENDIAN);
        byte[] line = "   0: 7F000001:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0 0 77 1"
                .getBytes(StandardCharsets.US_ASCII);
        List<Socket> found = new ArrayList<>();
        assertThat(parser.parseLine(line, 0, line.length, 2, EnumSet.allOf(SocketState.class), found::add)).isNull();
        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.local().address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
            assertThat(s.local().port()).isEqualTo(22);
        });
    }

    /** The kernel writes an entry twice when sockets before it come and go between two reads: listed once. */
    @Test
    void aSocketWrittenTwiceUnderChurnIsListedOnce() {
        DiagnosticLog log = new DiagnosticLog();
        List<Socket> tcp = scan("proc/reread-under-churn", SocketQuery.all().withProtocols(EnumSet.of(Protocol.TCP))
                .withFamilies(java.util.Set.of(IpFamily.IPV4)), log);
        assertThat(log.diagnostics()).isEmpty();
        assertThat(tcp).extracting(s -> s.linux().inode()).containsExactly(1061L, 5967L, 5971L, 5973L, 5970L, 0L, 1062L);
        assertThat(byInode(tcp, 5971).state()).as("as first written").isEqualTo(SocketState.ESTABLISHED);
    }
}
