package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portscope.platform.TcpCounters;
import dev.portscope.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TCP counters of {@code /proc/net/snmp} and {@code /proc/net/netstat}, from files captured on a Linux 6.18 machine. */
class NetSnmpParserTest {

    @Test
    void readsTcpAndTcpExtCountersOfACapturedMachine(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("net"));
        Files.copy(Fixtures.path("net/snmp"), proc.resolve("net/snmp"));
        Files.copy(Fixtures.path("net/netstat"), proc.resolve("net/netstat"));
        TcpCounters counters = TcpCounterReader.read(proc, Clock.systemUTC());
        String snmp = Files.readString(Fixtures.path("net/snmp"));
        String tcpValues = snmp.lines().filter(l -> l.startsWith("Tcp: ") && Character.isDigit(l.charAt(5))).findFirst().orElseThrow();
        // Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets ...
        assertThat(counters.get("Tcp.AttemptFails")).hasValue(Long.parseLong(tcpValues.split("\\s+")[7]));
        assertThat(counters.get("Tcp.EstabResets")).hasValue(Long.parseLong(tcpValues.split("\\s+")[8]));
        assertThat(counters.values()).containsKeys("TcpExt.ListenOverflows", "TcpExt.ListenDrops", "TcpExt.TCPAbortOnTimeout");
        assertThat(counters.values().keySet()).noneMatch(k -> k.startsWith("Ip.") || k.startsWith("IpExt."));
        assertThat(counters.get("Tcp.NoSuchCounter")).isEmpty(); // unknown, never 0
    }

    @Test
    void aMalformedFileNamesItsLine() {
        Map<String, Long> into = new HashMap<>();
        assertThatThrownBy(() -> NetSnmpParser.parse("Tcp: A B\nTcp: 1\n", "/proc/net/snmp", Set.of("Tcp"), into))
                .hasMessage("/proc/net/snmp:2: 2 names but 1 values");
        assertThatThrownBy(() -> NetSnmpParser.parse("Tcp: A B\nTcp: 1 x\n", "/proc/net/snmp", Set.of("Tcp"), into))
                .hasMessage("/proc/net/snmp:2: B is not a number: x");
        assertThatThrownBy(() -> NetSnmpParser.parse("Tcp: A\nUdp: 1\n", "/proc/net/snmp", Set.of("Tcp"), into))
                .hasMessage("/proc/net/snmp:2: expected the values of Tcp");
    }

    @Test
    void growthIsUnknownWhenACounterWentDownOrIsMissingOnEitherSide() {
        var earlier = new TcpCounters(java.time.Instant.EPOCH, Map.of("Tcp.OutRsts", 10L));
        var later = new TcpCounters(java.time.Instant.EPOCH, Map.of("Tcp.OutRsts", 3L, "Tcp.EstabResets", 5L));
        assertThat(later.since(earlier, "Tcp.OutRsts")).isEmpty(); // reset by a reboot: what grew cannot be told
        assertThat(earlier.since(later, "Tcp.OutRsts")).hasValue(7);
        assertThat(later.since(earlier, "Tcp.EstabResets")).isEmpty(); // the earlier run did not have it: not 5
    }
}
