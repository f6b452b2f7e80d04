package dev.portscope.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Protocol;
import dev.portscope.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServiceTableTest {

    @Test
    void theEmbeddedTableNamesTheCommonPorts() {
        ServiceTable table = ServiceTable.embedded();
        int[] required = {20, 21, 22, 23, 25, 53, 80, 110, 111, 123, 135, 136, 137, 138, 139, 143, 389, 443, 445, 465, 514,
            587, 631, 636, 873, 993, 995, 1433, 1521, 2049, 2375, 2376, 3000, 3306, 3389, 5432, 5672, 5900, 6379, 6443,
            8080, 8443, 9092, 9200, 11211, 27017};
        for (int port : required) {
            boolean named = table.lookup(Protocol.TCP, port).isPresent() || table.lookup(Protocol.UDP, port).isPresent();
            assertThat(named).as("port %d is named", port).isTrue();
        }
        for (int port : new int[] {67, 68, 69, 123, 161, 162}) {
            assertThat(table.lookup(Protocol.UDP, port)).as("udp port %d", port).isPresent();
        }
        assertThat(table.lookup(Protocol.TCP, 22).orElseThrow().name()).isEqualTo("ssh");
        assertThat(table.lookup(Protocol.TCP, 587).orElseThrow().description()).isEqualTo("Mail submission");
        assertThat(table.lookup(Protocol.UDP, 22)).isEmpty();
        assertThat(table.portOf(Protocol.TCP, "https")).contains(443);
    }

    @Test
    void etcServicesCompletesButDoesNotOverride() {
        ServiceTable table = ServiceTable.load(Fixtures.path("etc/debian12/services"));
        assertThat(table.lookup(Protocol.TCP, 2222).orElseThrow().name()).isEqualTo("mysteryd");
        assertThat(table.lookup(Protocol.TCP, 70).orElseThrow().name()).isEqualTo("gopher");
        // the embedded name and description win over /etc/services
        assertThat(table.lookup(Protocol.TCP, 8080).orElseThrow().name()).isEqualTo("http-alt");
        assertThat(table.lookup(Protocol.TCP, 8080).orElseThrow().description()).isNotEmpty();
    }

    @Test
    void aMissingServicesFileLeavesTheEmbeddedTable() {
        ServiceTable table = ServiceTable.load(Path.of("/nonexistent/services"));
        assertThat(table.lookup(Protocol.TCP, 443)).isPresent();
    }
}
