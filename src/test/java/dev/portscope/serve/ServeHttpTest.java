package dev.portscope.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portscope.app.Session;
import dev.portscope.app.SessionSetup;
import dev.portscope.platform.Platforms;
import dev.portscope.testing.Fixtures;
import dev.portscope.testing.LoopbackSockets;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The server's manners, on its own loopback port: malformed requests get a 4xx and one line, never
 * a stack trace; every answer has the security headers; a slow client holds up no one; the cap on
 * clients answers 503; the token is required when there is one; TLS from PEM files.
 */
@Tag("live")
class ServeHttpTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final StringWriter log = new StringWriter();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private Server server;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Session replay() {
        var platform = Platforms.select(Path.of("/proc"), Fixtures.path("etc/debian12"));
        return Session.open(platform, new SessionSetup("auto", Fixtures.path("netlink/loopback-all-states/recording.bin"), false),
                Clock.systemUTC());
    }

    private int start(ServeSettings settings) throws Exception {
        server = Server.start(replay(), settings, new PrintWriter(log, true));
        return server.address().getPort();
    }

    private int start() throws Exception {
        return start(ServeSettings.loopback(0, "portscope test"));
    }

    /** Sends raw bytes, returns what came back until the server closed (at most 10 s). */
    private static String raw(int port, byte[] request) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.shutdownOutput(); // all of the request is sent: a head cut short ends here
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String raw(int port, String request) throws Exception {
        return raw(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "GARBAGE\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\n\\r\\n|400",
        "GET /metrics HTTP/2.0\\r\\nHost: localhost\\r\\n\\r\\n|505",
        "GET /metrics HTTP/9\\r\\nHost: localhost\\r\\n\\r\\n|400",
        "POST /metrics HTTP/1.1\\r\\nHost: localhost\\r\\nContent-Length: 5\\r\\n\\r\\nhello|413",
        "DELETE /api/v1/listeners HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n|405",
        "GET /api/v1/who/%ZZ HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n|400",
        "GET /api/v1/who/%C0%AF HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n|400",
        "GET /api/v1/who/99999 HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n|400",
        "GET /api/v1/who/[::1 HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n|400",
        "GET /etc/passwd HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n|404",
        "GET /../../etc/passwd HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n|404",
        "GET http://localhost/metrics HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost localhost\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: localhost\\r\\nX: a\\r\\n b\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: localhost\\r\\nHost: localhost\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: localhost\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n|413",
        "GET /metrics HTTP/1.1\\r\\nHost: rebound.example\\r\\n\\r\\n|403",
        "GET /metrics HTTP/1.1\\r\\nHost: localhost\\r\\n|400",
    })
    void aMalformedRequestGetsA4xxAndOneLineNeverAStackTrace(String request, int status) throws Exception {
        int port = start();
        String answer = raw(port, request.replace("\\r", "\r").replace("\\n", "\n"));
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(body.lines().count()).as(body).isEqualTo(1);
        assertThat(answer).doesNotContain("Exception", "\tat ", "dev.portscope");
        assertThat(answer).contains("X-Content-Type-Options: nosniff", "Content-Security-Policy: default-src 'self'");
        assertThat(log.toString()).doesNotContain("internal error");
    }

    @Test
    void oversizedAndNulHeadsAreRefused() throws Exception {
        int port = start();
        String big = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n";
        assertThat(raw(port, big)).startsWith("HTTP/1.1 431 ");
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 100; i++) {
            many.append("X-").append(i).append(": 1\r\n");
        }
        assertThat(raw(port, many + "\r\n")).startsWith("HTTP/1.1 431 ");
        assertThat(raw(port, "GET /\0 HTTP/1.1\r\nHost: localhost\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        int port = start();
        for (String path : List.of("/", "/app.js", "/metrics", "/api/v1/listeners", "/no-such-page")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            var h = response.headers();
            assertThat(h.firstValue("content-security-policy")).as(path).hasValueSatisfying(v -> assertThat(v)
                    .contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe"));
            assertThat(h.firstValue("x-content-type-options")).as(path).hasValue("nosniff");
            assertThat(h.firstValue("x-frame-options")).as(path).hasValue("DENY");
            assertThat(h.firstValue("referrer-policy")).as(path).hasValue("no-referrer");
            assertThat(h.firstValue("cache-control")).as(path).hasValue("no-store");
            assertThat(h.firstValue("access-control-allow-origin")).as(path).isEmpty();
        }
        String page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).doesNotContain("<script>", "style=", "onclick", "http://", "https://");
    }

    @Test
    void slowClientsHoldUpNoOne() throws Exception {
        int port = start(ServeSettings.loopback(0, "portscope test")
                .withLimits(Limits.DEFAULT.withRequestTimeout(Duration.ofSeconds(2))));
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket s = new Socket("127.0.0.1", port);
            closing.add(s);
            s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII)); // and nothing more
            slow.add(s);
        }
        // one more that asks for a document and never reads it
        Socket reader = new Socket("127.0.0.1", port);
        closing.add(reader);
        reader.setReceiveBufferSize(1024);
        reader.getOutputStream().write("GET /api/v1/connections HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
        // the server closes the slow ones once their time is up
        for (Socket s : slow) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void aClientPastTheCapIsAnswered503AndTheOthersGoOn() throws Exception {
        int port = start(ServeSettings.loopback(0, "portscope test").withLimits(Limits.DEFAULT.withMaxClients(2)));
        for (int i = 0; i < 2; i++) {
            Socket idle = new Socket("127.0.0.1", port);
            closing.add(idle);
        }
        Thread.sleep(200); // both are accepted and waiting for their heads
        String refused = raw(port, "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(refused).startsWith("HTTP/1.1 503 ").contains("Retry-After: 1");
        for (AutoCloseable c : closing) {
            c.close();
        }
        closing.clear();
        assertThat(LoopbackSockets.eventually(Duration.ofSeconds(5), () -> {
            try {
                return raw(port, "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n").startsWith("HTTP/1.1 200 ");
            } catch (Exception e) {
                return false;
            }
        })).isTrue();
    }

    @Test
    void withATokenEveryDataEndpointNeedsIt() throws Exception {
        String token = "c2VjcmV0LXRva2VuLWZvci10ZXN0cw==";
        int port = start(ServeSettings.loopback(0, "portscope test")
                .withListen(new InetSocketAddress("127.0.0.1", 0), Optional.of(BearerToken.of(token))));
        for (String path : List.of("/metrics", "/api/v1/listeners", "/api/v1/connections", "/api/v1/who/22", "/api/v1/audit",
                "/api/v1/events", "/api/v1/history", "/nothing")) {
            URI uri = URI.create("http://127.0.0.1:" + port + path);
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.headers().firstValue("www-authenticate")).as(path).hasValue("Bearer realm=\"portscope\"");
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token + "x").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).as(path).isEqualTo(401);
            assertThat(wrong.body()).doesNotContain(token);
        }
        HttpResponse<String> right = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).contains("portscope_sockets{");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("the page's files hold no data").isEqualTo(200);
    }

    @Test
    void beyondLoopbackATokenIsRequired() {
        assertThatThrownBy(() -> ServeSettings.loopback(0, "t").withListen(new InetSocketAddress("0.0.0.0", 0), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs --token-file");
        assertThatThrownBy(() -> ServeSettings.loopback(0, "t").withListen(new InetSocketAddress("10.1.2.3", 0), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"pkcs8", "pkcs1"})
    void tlsFromPemFiles(String keyFormat, @TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-subj", "/CN=localhost", "-days", "1");
        if (keyFormat.equals("pkcs1")) {
            run("openssl", "rsa", "-in", key.toString(), "-out", key.toString(), "-traditional");
            assertThat(Files.readString(key)).contains("BEGIN RSA PRIVATE KEY");
        }
        int port = start(ServeSettings.loopback(0, "portscope test").withTls(TlsFiles.context(cert, key)));
        var trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
        trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        HttpClient https = HttpClient.newBuilder().sslContext(trustAll).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("strict-transport-security")).isPresent();
        // plain HTTP to the TLS port is no request: the connection just ends
        String plain = raw(port, "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(plain).doesNotContain("portscope_");
    }

    @Test
    void anEncryptedKeyIsRefusedWithTheWayOut(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-passout", "pass:secret", "-keyout", key.toString(), "-out", cert.toString(),
                "-subj", "/CN=localhost", "-days", "1");
        assertThatThrownBy(() -> TlsFiles.context(cert, key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encrypted").hasMessageContaining("openssl pkey");
    }

    @Test
    void eventsStreamEachCollection() throws Exception {
        int port = start();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            byte[] buffer = new byte[4096];
            while (System.nanoTime() < deadline && !seen.toString().contains("event: refresh")) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            assertThat(seen.toString()).startsWith("HTTP/1.1 200 ").contains("Content-Type: text/event-stream")
                    .contains("event: refresh\ndata: {\"sequence\":");
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
