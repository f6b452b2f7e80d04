package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.analysis.audit.PolicyParser;
import dev.portscope.app.Session;
import dev.portscope.app.SessionSetup;
import dev.portscope.serve.ServeSettings;
import dev.portscope.serve.Server;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code portscope serve} on recorded machines (netlink recordings), scraped, in node_exporter's
 * manner: the exposition, in both formats, compared with the files under {@code golden/serve}
 * ({@code -Dgolden.update=true} writes them anew; read the diff before committing it). And the
 * API's documents are the CLI's: {@code /api/v1/listeners} is {@code listen --json} of the same
 * recording, byte for byte, and so on.
 */
@Tag("live") // it binds a loopback port
class ServeGoldenTest {

    private static final Path DIR = Path.of("src/test/resources/golden/serve");
    private static final Instant TIME = Instant.parse("2026-01-02T03:04:05Z");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Server server;

    private static CliEnvironment env() {
        return new CliEnvironment(Map.of(), false, 0, Path.of("/proc"), Fixtures.path("etc/debian12"), Clock.fixed(TIME, ZoneOffset.UTC));
    }

    private static Path recording(String name) {
        return Fixtures.path("netlink/" + name + "/recording.bin");
    }

    private URI start(String recording) throws Exception {
        CliEnvironment env = env();
        Session session = Session.open(env.platform(), new SessionSetup("auto", recording(recording), false), env.clock());
        var policy = PolicyParser.parse(Files.readString(DIR.resolve("policy.yaml")), "policy.yaml");
        server = Server.start(session, ServeSettings.loopback(0, Version.generator()).withPolicy(Optional.of(policy)),
                new PrintWriter(new StringWriter()));
        return URI.create("http://127.0.0.1:" + server.address().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String get(URI base, String path, String accept) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept)
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    @ParameterizedTest
    @ValueSource(strings = {"loopback-all-states", "addresses"})
    void theExpositionOfARecordedMachineIsTheGoldenFile(String recording) throws Exception {
        URI base = start(recording);
        compare(recording + ".prom", get(base, "/metrics", "text/plain"));
        compare(recording + ".openmetrics",
                get(base, "/metrics", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"loopback-all-states", "addresses"})
    void theApiDocumentsAreTheCommandLinesJson(String recording) throws Exception {
        URI base = start(recording);
        String file = recording(recording).toString();
        assertThat(get(base, "/api/v1/listeners", "*/*")).isEqualTo(cli("listen", "--json", "--replay", file));
        assertThat(get(base, "/api/v1/connections", "*/*")).isEqualTo(cli("conns", "--json", "--replay", file));
        assertThat(get(base, "/api/v1/audit", "*/*")).isEqualTo(cli("audit", "--json", "--replay", file,
                "--policy", DIR.resolve("policy.yaml").toString()));
        // ports held in the recording: for a free port the CLI reads no owners, so it has no note that a replay has none
        String[] ports = recording.equals("addresses") ? new String[] {"40000", "8001", "8003"}
                : new String[] {"37275", "33741", "40694", "58973%2Fudp"};
        for (String port : ports) {
            assertThat(get(base, "/api/v1/who/" + port, "*/*")).as("who " + port)
                    .isEqualTo(cli("who", port.replace("%2F", "/"), "--json", "--replay", file));
        }
    }

    @org.junit.jupiter.api.Test
    void theCapOnSeriesDropsTheRestAndCountsThem() throws Exception {
        CliEnvironment env = env();
        Session session = Session.open(env.platform(), new SessionSetup("auto", recording("addresses"), false), env.clock());
        server = Server.start(session, ServeSettings.loopback(0, Version.generator()).withMaxSeries(2), new PrintWriter(new StringWriter()));
        URI base = URI.create("http://127.0.0.1:" + server.address().getPort());
        String first = get(base, "/metrics", "text/plain");
        assertThat(first.lines().filter(l -> l.startsWith("portscope_listener_info{"))).hasSize(2);
        assertThat(first.lines().filter(l -> l.startsWith("portscope_listener_accept_queue{"))).isEmpty();
        assertThat(first).contains("portscope_series_dropped_total{metric=\"portscope_listener_info\"} 4.0",
                "portscope_series_dropped_total{metric=\"portscope_listener_accept_queue\"} 6.0", "portscope_series_limit 2.0");
        Thread.sleep(1100); // past the cache: the next scrape collects again, and counts again
        assertThat(get(base, "/metrics", "text/plain")).contains("portscope_series_dropped_total{metric=\"portscope_listener_info\"} 8.0");
    }

    private static String cli(String... args) {
        return CliRun.run(env(), args).out();
    }

    /** The cost of a collection changes from run to run; nothing else may. */
    private static void compare(String name, String exposition) throws Exception {
        String masked = exposition.replaceAll("(?m)^(portscope_collection_(duration|cpu)_seconds) \\S+$", "$1 MASKED")
                .replace(Version.text(), "VERSION");
        Path golden = DIR.resolve(name + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, masked, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file (write it with -Dgolden.update=true)").exists();
        assertThat(masked).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
