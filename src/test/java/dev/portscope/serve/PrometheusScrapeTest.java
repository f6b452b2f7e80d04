package dev.portscope.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes {@code portscope serve}, both in a network namespace the test makes,
 * where the machine's own sockets do not exist and every port is free. The namespace's loopback
 * device also gets a private address, 10.231.7.1 (a dummy interface would do, but not every kernel
 * has the module; on lo nothing can leave the namespace, and exposure is judged from the bind
 * address). serve listens on that address, beyond loopback, so it needs its
 * token, and Prometheus sends it. The test opens a listener and asks Prometheus's HTTP API until the
 * listener's series appears, closes it and sees the series go; then it binds PostgreSQL's port on the
 * private address and waits for the shipped rule PortscopeDatabaseExposed to fire. Every wait is
 * bounded (60 s); this test may take up to 4 minutes in all.
 */
@Tag("live")
@Timeout(240)
class PrometheusScrapeTest {

    /** Runs inside the namespace: sets it up, starts both servers, drives the scenario, prints one JSON report. */
    private static final String DRIVER = """
            import json, os, socket, subprocess, sys, time, urllib.parse, urllib.request, urllib.error
            spec = json.loads(sys.argv[1])
            work = spec['dir']
            def sh(*cmd):
                subprocess.run(cmd, check=True)
            sh('ip', 'link', 'set', 'lo', 'up')
            sh('ip', 'addr', 'add', '10.231.7.1/32', 'dev', 'lo')
            token = 'cHJvbWV0aGV1cy10ZXN0LXRva2VuLTEyMzQ1Njc4'
            with open(work + '/token', 'w') as f:
                f.write(token + '\\n')
            with open(work + '/prometheus.yml', 'w') as f:
                f.write('global:\\n  scrape_interval: 1s\\n  evaluation_interval: 1s\\n'
                        'rule_files:\\n  - ' + spec['rules'] + '\\n'
                        'scrape_configs:\\n  - job_name: portscope\\n    authorization:\\n'
                        '      credentials_file: ' + work + '/token\\n'
                        '    static_configs:\\n      - targets: [\"10.231.7.1:9309\"]\\n')
            log = open(work + '/servers.log', 'w')
            serve = subprocess.Popen(spec['portscope'] + ['serve', '--listen', '10.231.7.1:9309', '--token-file', work + '/token'],
                                     stdout=log, stderr=log)
            prometheus = subprocess.Popen(['prometheus', '--config.file=' + work + '/prometheus.yml',
                                           '--storage.tsdb.path=' + work + '/data', '--web.listen-address=127.0.0.1:9090'],
                                          stdout=log, stderr=log)
            report = {}
            def api(path, **params):
                url = 'http://127.0.0.1:9090/api/v1/' + path + ('?' + urllib.parse.urlencode(params) if params else '')
                try:
                    with urllib.request.urlopen(url, timeout=5) as r:
                        return json.load(r)['data']
                except (OSError, ValueError):
                    return None
            def until(what, test, limit=60):
                start = time.monotonic()
                while time.monotonic() - start < limit:
                    value = test()
                    if value:
                        report[what] = {'ok': True, 'seconds': round(time.monotonic() - start, 1), 'value': value}
                        return value
                    time.sleep(0.5)
                report[what] = {'ok': False, 'seconds': limit}
                return None
            def series(query):
                data = api('query', query=query)
                return data['result'] if data and data['result'] else None
            def status(token_header):
                request = urllib.request.Request('http://10.231.7.1:9309/metrics')
                if token_header:
                    request.add_header('Authorization', token_header)
                try:
                    with urllib.request.urlopen(request, timeout=5) as r:
                        return r.status
                except urllib.error.HTTPError as e:
                    return e.code
            try:
                until('scraped', lambda: series('up{job="portscope"} == 1'))
                listener = socket.socket()
                listener.bind(('127.0.0.1', 0))
                listener.listen()
                port = listener.getsockname()[1]
                report['port'] = port
                until('appeared', lambda: series('portscope_listener_info{port="%d"}' % port))
                listener.close()
                until('gone', lambda: series('up{job="portscope"} == 1') and not series('portscope_listener_info{port="%d"}' % port))
                database = socket.socket()
                database.bind(('10.231.7.1', 5432))
                database.listen()
                def firing():
                    data = api('alerts')
                    if not data:
                        return None
                    return [a for a in data['alerts'] if a['labels'].get('alertname') == 'PortscopeDatabaseExposed'
                            and a['state'] == 'firing'] or None
                until('alert', firing)
                database.close()
                report['without token'] = status(None)
                report['wrong token'] = status('Bearer not-the-token-at-all-123456')
                report['with token'] = status('Bearer ' + token)
            finally:
                for p in (serve, prometheus):
                    p.terminate()
                for p in (serve, prometheus):
                    try:
                        p.wait(timeout=20)
                    except subprocess.TimeoutExpired:
                        p.kill()
            print(json.dumps(report))
            """;

    @Test
    void prometheusSeesAListenerComeAndGoAndTheExposedDatabaseRuleFires(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prometheus")), "needs prometheus (Debian package prometheus)");
        List<String> portscope = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName());
        ObjectMapper mapper = new ObjectMapper();
        String spec = mapper.writeValueAsString(Map.of("dir", dir.toString(), "portscope", portscope,
                "rules", Path.of("deploy/prometheus/portscope-alerts.yml").toAbsolutePath().toString()));
        Process process = new ProcessBuilder("unshare", "--net", "python3", "-c", DRIVER, spec).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(220, TimeUnit.SECONDS)).isTrue();
        String errors = err.get(10, TimeUnit.SECONDS);
        assumeTrue(!errors.contains("unshare failed") && !errors.contains("Operation not permitted"), "no network namespace: " + errors);
        String logs = Files.exists(dir.resolve("servers.log")) ? Files.readString(dir.resolve("servers.log")) : "";
        assertThat(process.exitValue()).as(errors + out + logs).isZero();
        JsonNode report = mapper.readTree(out);
        String context = report.toPrettyString() + "\n" + logs;
        assertThat(report.path("scraped").path("ok").asBoolean()).as("Prometheus scraped serve: " + context).isTrue();
        assertThat(report.path("appeared").path("ok").asBoolean()).as("the listener's series appeared: " + context).isTrue();
        JsonNode series = report.path("appeared").path("value").get(0).path("metric");
        assertThat(series.path("protocol").asText()).isEqualTo("tcp");
        assertThat(series.path("address").asText()).isEqualTo("127.0.0.1");
        assertThat(series.path("exposure").asText()).isEqualTo("loopback");
        assertThat(series.path("process").asText()).isEqualTo("python3");
        assertThat(report.path("gone").path("ok").asBoolean()).as("the series went with the listener: " + context).isTrue();
        assertThat(report.path("alert").path("ok").asBoolean()).as("PortscopeDatabaseExposed fired: " + context).isTrue();
        JsonNode alert = report.path("alert").path("value").get(0).path("labels");
        assertThat(alert.path("address").asText()).isEqualTo("10.231.7.1");
        assertThat(alert.path("port").asText()).isEqualTo("5432");
        assertThat(alert.path("exposure").asText()).isEqualTo("private");
        assertThat(alert.path("service").asText()).isEqualTo("postgresql");
        assertThat(report.path("without token").asInt()).isEqualTo(401);
        assertThat(report.path("wrong token").asInt()).isEqualTo(401);
        assertThat(report.path("with token").asInt()).isEqualTo(200);
    }
}
