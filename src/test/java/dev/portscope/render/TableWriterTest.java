package dev.portscope.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.services.ServiceTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows after the width sample are written without a string per cell when piped; the text must not change. */
class TableWriterTest {

    private static String table(TerminalStyle style, int rows, boolean numeric) throws Exception {
        StringWriter text = new StringWriter();
        ListingContext context = new ListingContext(ServiceTable.load(Path.of("/nonexistent")), uid -> "user" + uid, numeric, false, false);
        TableWriter writer = new TableWriter(new PrintWriter(text), context, true, style, 0);
        writer.begin(new ListingHeader(ListingView.CONNECTIONS, Instant.EPOCH, "host", "test"));
        for (int i = 0; i < rows; i++) {
            boolean v6 = i % 3 == 0;
            InetAddress local = InetAddress.getByName(v6 ? "::1" : "127.0.0." + (i % 250 + 1));
            InetAddress remote = InetAddress.getByName(v6 ? "fe80::1:" + Integer.toHexString(i) : "10.0." + (i / 250 % 250) + "." + (i % 250));
            Socket s = new Socket(Protocol.TCP, v6 ? IpFamily.IPV6 : IpFamily.IPV4,
                    new Endpoint(local, 1 + i % 65_000), new Endpoint(remote, i % 7 == 0 ? 0 : 40_000 + i % 20_000),
                    i % 5 == 0 ? SocketState.CLOSE_WAIT : SocketState.ESTABLISHED, i % 3, i, (long) i * i % 100_000, i % 11, null, null);
            writer.row(new ListingRow(s, List.of()));
        }
        writer.end(List.of(), false);
        return text.toString();
    }

    /**
     * Colour takes the cell-by-cell path; a connections table colours nothing but its header, so
     * every row must read the same on both paths, including cells wider than the width sample saw.
     */
    @Test
    void rowsPastTheWidthSampleReadTheSameOnBothPaths() throws Exception {
        int rows = TableWriter.WIDTH_SAMPLE * 3;
        for (boolean numeric : new boolean[] {false, true}) {
            List<String> direct = table(TerminalStyle.plain(), rows, numeric).lines().toList();
            List<String> byCell = table(TerminalStyle.coloured(), rows, numeric).lines().toList();
            assertThat(direct).hasSize(rows + 1);
            assertThat(direct.subList(1, direct.size())).isEqualTo(byCell.subList(1, byCell.size()));
            assertThat(direct.get(1100)).contains("127.0.0.100:1100 "); // wider than the sample's column: not cut when piped
        }
    }
}
