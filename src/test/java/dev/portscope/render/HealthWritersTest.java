package dev.portscope.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.analysis.health.HealthReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A counter that could not be counted is written as unknown: null in JSON, named in text; never 0. */
class HealthWritersTest {

    private static HealthReport report() {
        Map<String, OptionalLong> deltas = new LinkedHashMap<>();
        deltas.put("Tcp.EstabResets", OptionalLong.of(2));
        deltas.put("TcpExt.ListenDrops", OptionalLong.empty());
        return new HealthReport(List.of(), Map.of(), "over 5 s", deltas, List.of());
    }

    @Test
    void jsonWritesAnUnknownCounterAsNull() throws Exception {
        StringWriter out = new StringWriter();
        new HealthJsonWriter(out, new JsonEnvelope("test", Instant.EPOCH, "h")).write(report(), List.of());
        JsonNode counters = new ObjectMapper().readTree(out.toString()).get("counters");
        assertThat(counters.get("Tcp.EstabResets").asLong()).isEqualTo(2);
        assertThat(counters.has("TcpExt.ListenDrops")).isTrue();
        assertThat(counters.get("TcpExt.ListenDrops").isNull()).isTrue();
    }

    @Test
    void textNamesAnUnknownCounter() {
        StringWriter out = new StringWriter();
        new HealthTextWriter(new PrintWriter(out)).write(report());
        assertThat(out.toString()).contains("Kernel counters over 5 s: Tcp.EstabResets +2.\n")
                .contains("Not counted (unknown, not 0): TcpExt.ListenDrops.\n");
    }
}
