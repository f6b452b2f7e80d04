package dev.portscope.platform.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.model.Container;
import dev.portscope.model.Diagnostic;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.RuntimeDaemons;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Docker's Engine API on its Unix socket ({@code /var/run/docker.sock}): {@code GET
 * /containers/<id>/json} answers a container's {@code Name}. One HTTP/1.0 request per container
 * (the daemon closes the connection after it), with a time limit; answers are kept for the run.
 */
final class DockerApi implements RuntimeDaemons {

    private static final Duration TIME_LIMIT = Duration.ofSeconds(3);
    private static final int MAX_RESPONSE_BYTES = 4 << 20;

    private final Path socket;
    private final Map<String, Optional<String>> asked = new HashMap<>();
    private boolean unreachableSaid;

    /** @param socket the daemon's socket: {@code /var/run/docker.sock} under the state root */
    DockerApi(Path socket) {
        this.socket = socket;
    }

    @Override
    public synchronized Container name(Container container, DiagnosticLog log) {
        if (container.name() != null || !container.runtime().equals("docker") || !container.id().matches("[0-9a-f]{64}")) {
            return container;
        }
        Optional<String> name = asked.computeIfAbsent(container.id(), id -> ask(id, log));
        return name.map(n -> new Container(container.runtime(), container.id(), n, container.pod())).orElse(container);
    }

    private Optional<String> ask(String id, DiagnosticLog log) {
        if (!Files.exists(socket)) {
            sayOnce(log, "Docker not asked: no daemon socket at " + socket);
            return Optional.empty();
        }
        CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> exchange(id));
        try {
            byte[] response = answer.get(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.ofNullable(parseName(response));
        } catch (TimeoutException e) {
            answer.cancel(true);
            sayOnce(log, "Docker did not answer within " + TIME_LIMIT.toSeconds() + " s at " + socket);
        } catch (ExecutionException e) {
            sayOnce(log, "Docker not asked at " + socket + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalArgumentException e) {
            log.report(Diagnostic.Kind.NOTE, "Docker's answer about container " + id.substring(0, 12) + " not understood: " + e.getMessage());
        }
        return Optional.empty();
    }

    private void sayOnce(DiagnosticLog log, String message) {
        if (!unreachableSaid) {
            unreachableSaid = true;
            log.report(Diagnostic.Kind.NOTE, message + "; containers keep the names their state gives");
        }
    }

    private byte[] exchange(String id) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            String request = "GET /containers/" + id + "/json HTTP/1.0\r\nHost: docker\r\nUser-Agent: portscope\r\n\r\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(64 << 10);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                out.write(buffer.array(), 0, buffer.limit());
                buffer.clear();
                if (out.size() > MAX_RESPONSE_BYTES) {
                    throw new IllegalStateException("answer larger than " + (MAX_RESPONSE_BYTES >> 20) + " MiB");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(Failures.reason(e), e);
        }
    }

    /**
     * The name in an HTTP response to {@code GET /containers/<id>/json}; null for a 404 (no such
     * container: it went away).
     *
     * @throws IllegalArgumentException when the response is not such an answer
     */
    static String parseName(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0 || text.length() < 12) {
            throw new IllegalArgumentException("not an HTTP response");
        }
        String status = text.substring(9, 12);
        if (status.equals("404")) {
            return null;
        }
        if (!status.equals("200")) {
            throw new IllegalArgumentException("HTTP status " + status);
        }
        String head = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        if (head.contains("transfer-encoding: chunked")) {
            throw new IllegalArgumentException("a chunked answer to an HTTP/1.0 request");
        }
        try {
            JsonNode name = new ObjectMapper().readTree(text.substring(end + 4)).path("Name");
            if (!name.isTextual() || name.asText().isEmpty()) {
                throw new IllegalArgumentException("no \"Name\" string");
            }
            return name.asText().startsWith("/") ? name.asText().substring(1) : name.asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
    }
}
