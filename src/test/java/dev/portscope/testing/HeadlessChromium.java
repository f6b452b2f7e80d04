package dev.portscope.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven over the DevTools protocol (a WebSocket on a loopback port Chromium
 * picks), for tests of a page: navigate, evaluate JavaScript, and every console error, uncaught
 * exception and browser log error (a Content-Security-Policy violation, a failed load) collected.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts Chromium with a profile in {@code profile}; skips the test where there is none. */
    public static HeadlessChromium start(Path profile) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "needs chromium (Debian package chromium)");
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        try {
            String endpoint = CompletableFuture.supplyAsync(() -> {
                try (var err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = err.readLine()) != null) {
                        int at = line.indexOf("DevTools listening on ");
                        if (at >= 0) {
                            String url = line.substring(at + "DevTools listening on ".length()).strip();
                            // keep draining stderr so that Chromium never blocks on it
                            Thread.ofVirtual().start(() -> {
                                try {
                                    err.transferTo(java.io.Writer.nullWriter());
                                } catch (java.io.IOException ignored) {
                                    // Chromium ended
                                }
                            });
                            return url;
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(60, TimeUnit.SECONDS); // a loaded machine starts Chromium slowly
            if (endpoint == null) {
                throw new IllegalStateException("Chromium did not open its DevTools port");
            }
            URI browser = URI.create(endpoint);
            HttpClient http = HttpClient.newHttpClient();
            String pageUrl = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pageUrl == null && System.nanoTime() < deadline) {
                String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + browser.getPort() + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (JsonNode target : JSON.readTree(list)) {
                    if (target.path("type").asText().equals("page")) {
                        pageUrl = target.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (pageUrl == null) {
                    Thread.sleep(100);
                }
            }
            if (pageUrl == null) {
                throw new IllegalStateException("Chromium has no page");
            }
            HeadlessChromium[] self = new HeadlessChromium[1];
            StringBuilder frame = new StringBuilder();
            WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create(pageUrl),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            frame.append(data);
                            if (last) {
                                String message = frame.toString();
                                frame.setLength(0);
                                while (self[0] == null) {
                                    Thread.onSpinWait();
                                }
                                self[0].receive(message);
                            }
                            webSocket.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, ws);
            self[0] = chromium;
            chromium.call("Runtime.enable", Map.of());
            chromium.call("Log.enable", Map.of());
            chromium.call("Page.enable", Map.of());
            return chromium;
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private void receive(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            if (node.has("id")) {
                CompletableFuture<JsonNode> waiting = pending.remove(node.get("id").asInt());
                if (waiting != null) {
                    waiting.complete(node);
                }
                return;
            }
            String method = node.path("method").asText();
            JsonNode params = node.path("params");
            switch (method) {
                case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails").toString());
                case "Runtime.consoleAPICalled" -> {
                    String type = params.path("type").asText();
                    if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
                        errors.add("console." + type + ": " + params.path("args").toString());
                    }
                }
                case "Log.entryAdded" -> {
                    JsonNode entry = params.path("entry");
                    if (entry.path("level").asText().equals("error") || entry.path("level").asText().equals("warning")) {
                        errors.add("log " + entry.path("source").asText() + ": " + entry.path("text").asText() + " "
                                + entry.path("url").asText());
                    }
                }
                default -> { }
            }
        } catch (Exception e) {
            errors.add("undecodable DevTools message: " + e);
        }
    }

    /** Calls a DevTools method and waits (at most 15 s) for its result. */
    public JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(message), true).get(15, TimeUnit.SECONDS);
        JsonNode result = answer.get(15, TimeUnit.SECONDS);
        if (result.has("error")) {
            throw new IllegalStateException(method + ": " + result.get("error"));
        }
        return result.path("result");
    }

    public void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
    }

    /** The value of a JavaScript expression, as text. */
    public String evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        return result.path("result").path("value").asText();
    }

    /** Console errors and warnings, uncaught exceptions, and the browser's errors (CSP violations, failed loads). */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            call("Browser.close", Map.of()); // lets Chromium remove its own temporary files
        } catch (Exception ignored) {
            // it may close the connection before answering
        }
        process.waitFor(5, TimeUnit.SECONDS);
        socket.abort();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
