package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Socket;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.query.SocketQuery;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header that names a recording's machine: read back as written, and invisible to every replay. */
class RecordingHeaderTest {

    @TempDir
    Path dir;

    private static Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("host", "db1.example.org");
        facts.put("time", "2025-12-30T10:00:00Z");
        facts.put("net.ipv4.ip_local_port_range", "40000\t40999");
        facts.put("net.core.somaxconn", "512");
        return facts;
    }

    @Test
    void isAnAlignedNoopMessageReadBackAsWritten() {
        byte[] header = RecordingHeader.encode(facts());
        assertThat(header.length % 4).isZero();
        ByteBuffer b = ByteBuffer.wrap(header).order(java.nio.ByteOrder.nativeOrder());
        assertThat(NetlinkHeader.type(b, 0)).isEqualTo(NetlinkHeader.NLMSG_NOOP);
        assertThat(RecordingHeader.decode(ByteBuffer.wrap(header))).contains(facts());
    }

    @Test
    void aRecordingWithoutOneHasNone() {
        assertThat(RecordingHeader.decode(ByteBuffer.wrap(Fixtures.recording("loopback-all-states")))).isEmpty();
        assertThat(RecordingHeader.read(Fixtures.ROOT.resolve("loopback-all-states/recording.bin"))).isEmpty();
        assertThat(RecordingHeader.decode(ByteBuffer.allocate(3))).isEmpty();
    }

    @Test
    void aReplaySkipsItAndReadsTheSameSocketsWithoutADiagnostic() throws Exception {
        byte[] old = Fixtures.recording("loopback-all-states");
        Path withHeader = dir.resolve("with-header.bin");
        ByteBuffer both = ByteBuffer.allocate(RecordingHeader.encode(facts()).length + old.length);
        both.put(RecordingHeader.encode(facts())).put(old);
        Files.write(withHeader, both.array());

        DiagnosticLog oldLog = new DiagnosticLog();
        DiagnosticLog newLog = new DiagnosticLog();
        List<Socket> before = new ArrayList<>();
        List<Socket> after = new ArrayList<>();
        new ReplaySocketSource(Fixtures.ROOT.resolve("loopback-all-states/recording.bin")).scan(SocketQuery.all(), oldLog, before::add);
        new ReplaySocketSource(withHeader).scan(SocketQuery.all(), newLog, after::add);
        assertThat(after).isEqualTo(before).isNotEmpty();
        assertThat(newLog.diagnostics()).isEqualTo(oldLog.diagnostics());
        assertThat(RecordingHeader.read(withHeader)).isEqualTo(facts());
    }
}
