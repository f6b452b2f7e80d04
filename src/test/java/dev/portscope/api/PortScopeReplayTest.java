package dev.portscope.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.analysis.audit.Severity;
import dev.portscope.analysis.who.HoldingRole;
import dev.portscope.analysis.why.BindVerdict;
import dev.portscope.model.SocketState;
import dev.portscope.testing.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The library on a recorded table (no live sockets): the same listeners as {@code portscope listen --replay}. */
class PortScopeReplayTest {

    private static final Path RECORDING = Path.of("src/test/resources/fixtures/netlink/loopback-all-states/recording.bin");

    @Test
    void listsTheRecordingsListenersAsTheCommandDoes() {
        Listing listing = PortScope.replay(RECORDING).listeners();
        JsonNode cli = CliRun.run("listen", "--replay", RECORDING.toString(), "--json").json();
        List<String> expected = new ArrayList<>();
        for (JsonNode s : cli.get("sockets")) {
            expected.add(s.get("protocol").asText() + " " + s.get("local").get("address").asText() + " " + s.get("local").get("port").asInt());
        }
        assertThat(listing.sockets()).extracting(s -> s.transport().name().toLowerCase(java.util.Locale.ROOT) + " "
                + dev.portscope.model.AddressText.of(s.local().getAddress()) + " " + s.local().getPort())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(listing.sockets()).isNotEmpty().allMatch(SocketEntry::listening).allMatch(s -> s.owners().isEmpty());
    }

    @Test
    void connectionsOfARecordingFollowTheFilter() {
        PortScope scope = PortScope.replay(RECORDING);
        Listing all = scope.connections(ConnectionQuery.all());
        assertThat(all.sockets()).isNotEmpty().noneMatch(SocketEntry::listening);
        Listing established = scope.connections(ConnectionQuery.filter("state established"));
        assertThat(established.sockets()).isNotEmpty().allMatch(s -> s.state() == ConnectionState.ESTABLISHED);
        assertThat(established.sockets().size()).isLessThan(all.sockets().size());
    }

    @Test
    void aFileThatCannotBeReadIsAPortScopeException() {
        assertThatThrownBy(() -> PortScope.replay(Path.of("/nonexistent/recording.bin")))
                .isInstanceOf(PortScopeException.class)
                .hasMessageContaining("/nonexistent/recording.bin");
    }

    /** Every internal code has its exported twin: a new one fails here, not in a caller's program. */
    @Test
    void everyInternalStateRoleVerdictAndSeverityHasAnExportedTwin() {
        assertThat(names(ConnectionState.values())).containsExactlyElementsOf(names(SocketState.values()));
        assertThat(names(PortRole.values())).containsExactlyElementsOf(names(HoldingRole.values()));
        assertThat(names(dev.portscope.api.BindVerdict.values())).containsExactlyElementsOf(names(BindVerdict.values()));
        assertThat(names(dev.portscope.api.Severity.values())).containsExactlyElementsOf(names(Severity.values()));
        for (HoldingRole role : HoldingRole.values()) {
            assertThat(PortRole.valueOf(role.name()).holdsPort()).as(role.name()).isEqualTo(role.holdsPort());
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
