package dev.portscope.analysis.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.platform.TcpCounters;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterHistoryTest {

    private static final CounterHistory.Origin HERE = new CounterHistory.Origin("4026531840", "0d541467-a79d-4c6b-9f78-9837f218d980");
    private static final TcpCounters COUNTERS = new TcpCounters(Instant.parse("2026-11-28T10:00:00Z"),
            Map.of("Tcp.EstabResets", 12L, "TcpExt.ListenOverflows", 3L));

    @Test
    void countersReadBackInTheSameNamespaceAndBoot() {
        assertThat(CounterHistory.parse(CounterHistory.format(COUNTERS, HERE), HERE)).contains(COUNTERS);
    }

    @Test
    void countersOfAnotherNamespaceOrBootAreNotComparedWith() {
        String text = CounterHistory.format(COUNTERS, HERE);
        assertThat(CounterHistory.parse(text, new CounterHistory.Origin("4026532000", HERE.boot()))).isEmpty();
        assertThat(CounterHistory.parse(text, new CounterHistory.Origin(HERE.namespace(), "another-boot"))).isEmpty();
        assertThat(CounterHistory.parse("time=2026-11-28T10:00:00Z\nTcp.EstabResets=1\n", HERE)).as("an earlier version's file").isEmpty();
    }

    @Test
    void aDamagedFileIsAFirstRun() {
        String text = CounterHistory.format(COUNTERS, HERE);
        assertThat(CounterHistory.parse(text.replace("=12", "=twelve"), HERE)).isEmpty();
        assertThat(CounterHistory.parse(text + "x=\\uZZZZ\n", HERE)).isEmpty();
        assertThat(CounterHistory.parse(text.replaceAll("time=.*", "time=yesterday"), HERE)).isEmpty();
    }
}
