package dev.portscope.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portscope.analysis.audit.PolicyParser;
import dev.portscope.app.Session;
import dev.portscope.app.SessionSetup;
import dev.portscope.platform.Platforms;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's own checker on what portscope ships: {@code promtool test rules} passes for every
 * alert rule in {@code deploy/}, and every rule has a test; {@code promtool check metrics} accepts
 * the exposition of this machine; the rules and the dashboard name only metrics that portscope
 * exports.
 */
class PromtoolTest {

    private static final Path RULES = Path.of("deploy/prometheus/portscope-alerts.yml");
    private static final Path RULE_TESTS = Path.of("deploy/prometheus/portscope-alerts.test.yml");
    private static final Path DASHBOARD = Path.of("deploy/grafana/portscope-dashboard.json");

    record Run(int exit, String output) {}

    private static Run promtool(String stdin, String... args) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")), "needs promtool (Debian package prometheus)");
        var command = new java.util.ArrayList<>(java.util.List.of("/usr/bin/promtool"));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output);
    }

    @Test
    void everyAlertRulePassesItsPromtoolTests() throws Exception {
        Run check = promtool(null, "check", "rules", RULES.toString());
        assertThat(check.exit()).as(check.output()).isZero();
        Run test = promtool(null, "test", "rules", RULE_TESTS.toString());
        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
        Set<String> alerts = matches(Files.readString(RULES), "(?m)^\\s*- alert: (\\w+)");
        Set<String> tested = matches(Files.readString(RULE_TESTS), "(?m)alertname: (\\w+)");
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(6);
        assertThat(tested).as("every alert has a test").containsAll(alerts);
    }

    @Test
    @Tag("live")
    void promtoolAcceptsTheExpositionOfThisMachineAndTheGoldenOnes() throws Exception {
        String exposition = scrapeThisMachine();
        Run run = promtool(exposition, "check", "metrics");
        assertThat(run.exit()).as(run.output() + "\n" + exposition).isZero();
        assertThat(run.output()).as("no lint warnings").isBlank();
        for (String golden : java.util.List.of("loopback-all-states", "addresses")) {
            String text = Files.readString(Path.of("src/test/resources/golden/serve/" + golden + ".prom.txt")).replace("MASKED", "0.01");
            Run g = promtool(text, "check", "metrics");
            assertThat(g.exit()).as(golden + ": " + g.output()).isZero();
        }
    }

    @Test
    @Tag("live")
    void theRulesAndTheDashboardNameOnlyExportedMetrics() throws Exception {
        String exposition = scrapeThisMachine();
        Set<String> exported = matches(exposition, "(?m)^(portscope_\\w+)[{ ]");
        exported.add("portscope_process_close_wait_connections"); // present only while some process holds CLOSE_WAIT
        exported.add("portscope_process_connections");
        String deploy = Files.readString(RULES) + Files.readString(DASHBOARD);
        Set<String> named = matches(deploy, "(portscope_[a-z_]+)");
        named.removeIf(n -> n.equals("portscope_listener_info") && exported.contains(n)); // noise-free message below
        assertThat(exported).as("exported: " + exported).containsAll(named);
    }

    /** This machine's exposition, with a policy that requires a port, so that every family is there. */
    private static String scrapeThisMachine() throws Exception {
        var policy = PolicyParser.parse("version: 1\nrequire:\n  - port: 1\n    protocol: tcp\n", "policy.yaml");
        Session session = Session.open(Platforms.live(), SessionSetup.live(), Clock.systemUTC());
        try (Server server = Server.start(session, ServeSettings.loopback(0, "portscope test").withPolicy(Optional.of(policy)),
                new PrintWriter(new StringWriter()))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + "/metrics"))
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
