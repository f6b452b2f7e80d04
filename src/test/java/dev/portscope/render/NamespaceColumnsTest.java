package dev.portscope.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.model.Container;
import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.LinuxSocket;
import dev.portscope.model.NamespaceIndex;
import dev.portscope.model.NetNamespace;
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

/** NAMESPACE and CONTAINER: in tables, CSV and JSON of listings over several namespaces, and only there. */
class NamespaceColumnsTest {

    private static final NetNamespace HOST = new NetNamespace(4026531840L, null, true, 1, null);
    private static final NetNamespace WEB = new NetNamespace(4026532300L, null, false, 400,
            new Container("docker", "4f2a9c0d1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5", "web", null));
    private static final NetNamespace LAB = new NetNamespace(4026532200L, "lab", false, 0, null);

    private static Socket listener(int port, long netns) throws Exception {
        return new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(InetAddress.getByName("127.0.0.1"), port),
                new Endpoint(InetAddress.getByName("0.0.0.0"), 0), SocketState.LISTEN, 0, port, 0, 0, null,
                new LinuxSocket(port, 0, netns, null, null));
    }

    private static ListingContext context(NamespaceIndex namespaces) {
        return new ListingContext(ServiceTable.load(Path.of("/nonexistent")), uid -> "user" + uid, true, false, false, namespaces);
    }

    private static String write(ListingWriter writer) throws Exception {
        writer.begin(new ListingHeader(ListingView.LISTENING, Instant.EPOCH, "host", "test"));
        writer.row(new ListingRow(listener(22, HOST.inode()), List.of()));
        writer.row(new ListingRow(listener(8080, WEB.inode()), List.of()));
        writer.row(new ListingRow(listener(9000, LAB.inode()), List.of()));
        writer.row(new ListingRow(listener(9001, 77), List.of())); // a namespace that appeared after the list was made
        writer.end(List.of(), false);
        return "";
    }

    @Test
    void aTableOfSeveralNamespacesNamesEachRowsNamespaceAndContainer() throws Exception {
        StringWriter text = new StringWriter();
        write(new TableWriter(new PrintWriter(text), context(NamespaceIndex.of(List.of(HOST, WEB, LAB))), true, TerminalStyle.plain(), 0));
        assertThat(text.toString().lines().toList()).containsExactly(
                "NAMESPACE   CONTAINER  PROTO  ADDRESS    PORT  EXPOSURE  UID",
                "host        -          tcp    127.0.0.1    22  loopback  0",
                "4026532300  web        tcp    127.0.0.1  8080  loopback  0",
                "lab         -          tcp    127.0.0.1  9000  loopback  0",
                "77          -          tcp    127.0.0.1  9001  loopback  0");
    }

    @Test
    void aTableOfOneNamespaceHasNoSuchColumns() throws Exception {
        StringWriter text = new StringWriter();
        write(new TableWriter(new PrintWriter(text), context(NamespaceIndex.of(List.of(LAB))), true, TerminalStyle.plain(), 0));
        assertThat(text.toString().lines().findFirst().orElseThrow()).isEqualTo("PROTO  ADDRESS    PORT  EXPOSURE  UID");
    }

    @Test
    void csvAndJsonCarryTheSameFields() throws Exception {
        StringWriter csv = new StringWriter();
        write(new CsvListingWriter(csv, context(NamespaceIndex.of(List.of(HOST, WEB, LAB))), true));
        assertThat(csv.toString().lines().limit(3).toList())
                .containsExactly("namespace,container,proto,address,port,exposure,uid", "host,-,tcp,127.0.0.1,22,loopback,0",
                        "4026532300,web,tcp,127.0.0.1,8080,loopback,0");
        StringWriter json = new StringWriter();
        write(new JsonListingWriter(json, context(NamespaceIndex.of(List.of(HOST, WEB, LAB))), "test"));
        var sockets = new ObjectMapper().readTree(json.toString()).get("sockets");
        assertThat(sockets.get(0).get("namespace").toString()).isEqualTo("{\"inode\":4026531840,\"name\":null,\"host\":true}");
        assertThat(sockets.get(0).get("container").isNull()).isTrue();
        assertThat(sockets.get(1).get("container").toString()).isEqualTo("{\"runtime\":\"docker\",\"id\":\""
                + WEB.container().id() + "\",\"name\":\"web\",\"pod\":null}");
        assertThat(sockets.get(2).get("namespace").get("name").asText()).isEqualTo("lab");
        assertThat(sockets.get(3).get("namespace").isNull()).isTrue();
        assertThat(sockets.get(3).get("netns").asLong()).isEqualTo(77);
    }

    @Test
    void auditFindingsSayWhichNamespaceTheyAreIn() throws Exception {
        var rule = new dev.portscope.analysis.audit.RuleInfo("PS002", dev.portscope.analysis.audit.Severity.WARNING, "why", "fix");
        var finding = new dev.portscope.analysis.audit.Finding(rule, listener(8080, WEB.inode()), List.of(), "exposed");
        var report = new dev.portscope.analysis.audit.AuditReport(List.of(finding), List.of(), false);
        StringWriter several = new StringWriter();
        AuditTextWriter.write(new PrintWriter(several), report, NamespaceIndex.of(List.of(HOST, WEB)));
        assertThat(several.toString()).contains("  PS002  tcp 127.0.0.1:8080 in web    exposed");
        StringWriter one = new StringWriter();
        AuditTextWriter.write(new PrintWriter(one), report, NamespaceIndex.of(List.of(WEB)));
        assertThat(one.toString()).contains("  PS002  tcp 127.0.0.1:8080           exposed");
    }
}
