package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code -i}: the kernel's TCP details of this JVM's own connection. */
@Tag("live")
class TcpInfoTest {

    @Test
    void reportsRoundTripTimeAndBytesOfAConnection() throws Exception {
        try (var sockets = new LoopbackSockets()) {
            var server = sockets.listen("127.0.0.1");
            var pair = sockets.connectedPair(server);
            int client = LoopbackSockets.port(pair[0]);
            pair[0].write(ByteBuffer.wrap(new byte[5000]));
            ByteBuffer sink = ByteBuffer.allocate(5000);
            while (sink.hasRemaining()) {
                pair[1].read(sink);
            }
            // both ends: other programs' connections may have the same ephemeral port towards other peers
            String filter = "src 127.0.0.1:" + client + " and dst 127.0.0.1:" + LoopbackSockets.port(server);
            boolean acked = LoopbackSockets.eventually(Duration.ofSeconds(5), () ->
                    CliRun.run("conns", "-t", "-i", "--json", filter).json().get("sockets").get(0).get("tcpInfo").get("bytesAcked").asLong() >= 5000);
            assertThat(acked).isTrue();

            JsonNode info = CliRun.run("conns", "-t", "-i", "--json", filter).json().get("sockets").get(0).get("tcpInfo");
            assertThat(info.get("rttMicros").asLong()).isPositive();
            assertThat(info.get("retransmits").asInt()).isZero();
            assertThat(info.get("congestionWindow").asInt()).isPositive();

            CliRun table = CliRun.run("conns", "-t", "-i", filter);
            assertThat(table.out().lines().findFirst().orElseThrow()).contains("RTT-MS").contains("RETRANS");

            JsonNode plain = CliRun.run("conns", "-t", "--json", filter).json().get("sockets").get(0);
            assertThat(plain.has("tcpInfo")).isFalse();
        }
    }

    @Test
    void procHasNoTcpDetails() {
        CliRun run = CliRun.run("conns", "-i", "--backend", "proc");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--info needs the netlink backend");
    }
}
