package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.CliRun;
import dev.portscope.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command's text and JSON output on a recording, compared with the files under
 * {@code golden/replay} (as node_exporter's end-to-end test does). Run with
 * {@code -Dgolden.update=true} to write them anew, then read the diff before committing it.
 */
class GoldenReplayTest {

    private static final Path DIR = Path.of("src/test/resources/golden/replay");
    private static final Instant TIME = Instant.parse("2026-01-02T03:04:05Z");

    record Case(String name, List<String> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The fixture recording with the header {@code portscope record} now writes in front: its machine's
     * name, time and port settings (an ephemeral range that differs from the default, so that using it shows).
     */
    private static Path withHeader() throws IOException {
        Path file = Path.of("target/golden-recording-with-header.bin");
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        facts.put("host", "db1.example.org");
        facts.put("time", "2025-12-30T10:00:00Z");
        facts.put("net.ipv4.ip_unprivileged_port_start", "1024");
        facts.put("net.ipv4.ip_local_port_range", "40000\t40999");
        facts.put("net.ipv4.ip_local_reserved_ports", "");
        facts.put("net.ipv6.bindv6only", "0");
        facts.put("net.ipv4.ip_nonlocal_bind", "0");
        facts.put("net.core.somaxconn", "4096");
        byte[] header = dev.portscope.platform.linux.netlink.RecordingHeader.encode(facts);
        byte[] old = Files.readAllBytes(Fixtures.path("netlink/loopback-all-states/recording.bin"));
        byte[] both = Arrays.copyOf(header, header.length + old.length);
        System.arraycopy(old, 0, both, header.length, old.length);
        Files.createDirectories(file.getParent());
        Files.write(file, both);
        return file;
    }

    static Stream<Case> cases() throws IOException {
        String recording = Fixtures.path("netlink/loopback-all-states/recording.bin").toString();
        String recorded = withHeader().toString();
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("cases.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            List<String> args = Arrays.stream(parts[1].split(" "))
                    .map(a -> a.equals("@REC") ? recording : a.equals("@RECH") ? recorded
                            : a.startsWith("@REC:") ? Fixtures.path("netlink/" + a.substring(5) + "/recording.bin").toString() : a)
                    .toList();
            cases.add(new Case(parts[0], args));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void outputIsTheGoldenFile(Case c) throws IOException {
        var env = new CliEnvironment(Map.of(), false, 0, Path.of("/proc"), Fixtures.path("etc/debian12"),
                Clock.fixed(TIME, ZoneOffset.UTC));
        CliRun run = CliRun.run(env, c.args().toArray(String[]::new));
        String actual = mask(run.out()) + "--- stderr\n" + mask(run.err()) + "--- exit " + run.exitCode() + "\n";
        Path golden = DIR.resolve(c.name() + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file of " + c.name() + " (write it with -Dgolden.update=true)").exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    /** The version and this machine's name change between runs; nothing else may (and a replay never shows this machine's name). */
    private static String mask(String text) throws IOException {
        String masked = text.replace(System.lineSeparator(), "\n").replace(Version.text(), "VERSION");
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        masked = masked.replaceAll("(?<![A-Za-z0-9.-])" + java.util.regex.Pattern.quote(host) + "(?![A-Za-z0-9-])", "HOST");
        String recordings = java.util.regex.Pattern.quote(Fixtures.path("netlink").toString());
        return masked.replaceAll(recordings + "/[a-z0-9-]+/recording\\.bin", "RECORDING")
                .replace(Path.of("target/golden-recording-with-header.bin").toString(), "RECORDING-WITH-HEADER");
    }
}
