package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every JSON document opens with the same five fields and closes with the same two (README, "JSON layout"). */
class JsonEnvelopeTest {

    /** A port held without listening for the whole class: refused, and no other program can take it. */
    private static final dev.portscope.testing.LoopbackSockets HELD = new dev.portscope.testing.LoopbackSockets();

    @org.junit.jupiter.api.AfterAll
    static void release() throws Exception {
        HELD.close();
    }


    private static final String RECORDING = Fixtures.path("netlink/loopback-all-states/recording.bin").toString();

    @TempDir
    static Path dir;

    private static Path baseline;

    @BeforeAll
    static void saveABaseline() {
        baseline = dir.resolve("baseline.json");
        CliRun saved = CliRun.run("snapshot", "save", baseline.toString(), "--replay", RECORDING);
        assertThat(saved.exitCode()).as(saved.err()).isZero();
    }

    static Stream<String> commands() throws Exception {
        String closed = Integer.toString(HELD.closedPort("127.0.0.1"));
        return Stream.of(
                "listen --json --replay " + RECORDING,
                "conns --json --replay " + RECORDING,
                "who 37275 --json --replay " + RECORDING,
                "why 37275 --json --replay " + RECORDING,
                "health --json --replay " + RECORDING,
                "summary --json --replay " + RECORDING,
                "audit --json --replay " + RECORDING,
                "diff @BASELINE --json --replay " + RECORDING,
                "probe 9/udp --json --timeout 100 --replay " + RECORDING,
                "check 127.0.0.1:" + closed + " --json",
                "scan 127.0.0.1 -p " + closed + " --json",
                "close sport = :" + closed + " --json --dry-run",
                "snapshot save @BASELINE --replay " + RECORDING);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void opensWithFormatVersionGeneratorTimeHostAndClosesWithDiagnosticsAndPartial(String command) throws Exception {
        String[] args = command.replace("@BASELINE", baseline.toString()).split(" ");
        CliRun run = CliRun.run(args);
        JsonNode document = args[0].equals("snapshot") ? new ObjectMapper().readTree(Files.readString(baseline)) : run.json();
        List<String> fields = new ArrayList<>();
        document.fieldNames().forEachRemaining(fields::add);
        assertThat(fields.subList(0, 5)).as(command).containsExactly("format", "version", "generator", "time", "host");
        assertThat(fields.subList(fields.size() - 2, fields.size())).as(command).containsExactly("diagnostics", "partial");
        assertThat(document.get("format").asText()).startsWith("portscope-");
        assertThat(document.get("version").asInt()).isEqualTo(1);
        assertThat(document.get("generator").asText()).isEqualTo("portscope " + Version.text());
        assertThat(document.get("host").asText()).isNotEmpty();
        assertThat(document.get("diagnostics").isArray()).isTrue();
        assertThat(document.get("partial").isBoolean()).isTrue();
    }
}
