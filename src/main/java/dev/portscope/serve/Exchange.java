package dev.portscope.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The answer to one request: a status line, the headers every answer has, then a body. Every
 * answer closes its connection ({@code Connection: close}), so a body may stream until the end
 * without a length. Writes are bounded in time: a client that stops reading has its connection
 * closed by the watchdog.
 */
final class Exchange {

    /**
     * Headers on every answer, errors included: the page and its scripts come from this server only
     * (no inline script or style, no frames, no forms), nothing is sniffed, cached or referred.
     */
    static final Map<String, String> SECURITY_HEADERS = securityHeaders();

    private final java.net.Socket socket;
    private final OutputStream out;
    private final ScheduledExecutorService watchdog;
    private final long writeTimeoutMillis;
    private final boolean tls;
    private final boolean head;
    private boolean committed;

    Exchange(java.net.Socket socket, OutputStream out, ScheduledExecutorService watchdog, long writeTimeoutMillis, boolean tls,
            boolean head) {
        this.socket = socket;
        this.out = out;
        this.watchdog = watchdog;
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.tls = tls;
        this.head = head;
    }

    private static Map<String, String> securityHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        h.put("Cross-Origin-Resource-Policy", "same-origin");
        h.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        h.put("Cache-Control", "no-store");
        return Map.copyOf(h);
    }

    boolean committed() {
        return committed;
    }

    /** A whole answer with its length. */
    void send(int status, String contentType, byte[] body) throws IOException {
        send(status, contentType, body, Map.of());
    }

    void send(int status, String contentType, byte[] body, Map<String, String> extra) throws IOException {
        ScheduledFuture<?> deadline = arm();
        try {
            writeHead(status, contentType, body.length, extra);
            if (!head) {
                out.write(body);
            }
            out.flush();
        } finally {
            deadline.cancel(false);
        }
    }

    /** An error as one line of text: the reason, never a stack trace. */
    void error(int status, String reason) throws IOException {
        Map<String, String> extra = new LinkedHashMap<>();
        if (status == 401) {
            extra.put("WWW-Authenticate", "Bearer realm=\"portscope\"");
        }
        if (status == 405) {
            extra.put("Allow", "GET, HEAD");
        }
        if (status == 503) {
            extra.put("Retry-After", "1");
        }
        send(status, "text/plain; charset=utf-8", (status + " " + reasonPhrase(status) + ": " + reason + "\n")
                .getBytes(StandardCharsets.UTF_8), extra);
    }

    /**
     * Starts an answer whose body is written as it is made, until the stream is closed; each write
     * must end within the write timeout. Returns null for {@code HEAD}, which gets the head only.
     */
    OutputStream stream(int status, String contentType) throws IOException {
        ScheduledFuture<?> deadline = arm();
        try {
            writeHead(status, contentType, -1, Map.of());
            out.flush();
        } finally {
            deadline.cancel(false);
        }
        return head ? null : new TimedOutput();
    }

    private void writeHead(int status, String contentType, long length, Map<String, String> extra) throws IOException {
        if (committed) {
            throw new IllegalStateException("an answer was already started");
        }
        committed = true;
        StringBuilder h = new StringBuilder(512);
        h.append("HTTP/1.1 ").append(status).append(' ').append(reasonPhrase(status)).append("\r\n");
        h.append("Content-Type: ").append(contentType).append("\r\n");
        if (length >= 0) {
            h.append("Content-Length: ").append(length).append("\r\n");
        }
        h.append("Connection: close\r\n");
        SECURITY_HEADERS.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        if (tls) {
            h.append("Strict-Transport-Security: max-age=31536000\r\n");
        }
        extra.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        h.append("\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private ScheduledFuture<?> arm() {
        return watchdog.schedule(this::abort, writeTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Closes the connection: the client stopped reading. */
    void abort() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket whose peer is gone: nothing to report
        }
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 421 -> "Misdirected Request";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }

    /** The body of a streamed answer: every write and flush bounded by the write timeout. */
    private final class TimedOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ScheduledFuture<?> deadline = arm();
            try {
                out.write(b, off, len);
            } finally {
                deadline.cancel(false);
            }
        }

        @Override
        public void flush() throws IOException {
            ScheduledFuture<?> deadline = arm();
            try {
                out.flush();
            } finally {
                deadline.cancel(false);
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
