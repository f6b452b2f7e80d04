package dev.portscope.serve;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A small HTTP/1.1 server for reads: one virtual thread per connection, one request per
 * connection, every wait bounded ({@link Limits}). The JDK's {@code com.sun.net.httpserver} was
 * not used because its timeouts and connection cap are process-wide system properties read once,
 * and its response timeout would cut the event stream.
 */
final class WebServer implements AutoCloseable {

    /** What answers a request; an {@link HttpError} becomes its status and reason. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpRequest request, Exchange exchange) throws IOException, HttpError;
    }

    private final ServerSocket listening;
    private final boolean tls;
    private final Limits limits;
    private final Handler handler;
    private final PrintWriter log;
    private final Semaphore clients;
    private final Semaphore refusals = new Semaphore(16);
    private final ScheduledThreadPoolExecutor watchdog;
    private final Thread acceptor;
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private WebServer(ServerSocket listening, boolean tls, Limits limits, Handler handler, PrintWriter log) {
        this.listening = listening;
        this.tls = tls;
        this.limits = limits;
        this.handler = handler;
        this.log = log;
        this.clients = new Semaphore(limits.maxClients());
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "portscope-serve-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.setRemoveOnCancelPolicy(true);
        this.acceptor = new Thread(this::acceptLoop, "portscope-serve-accept");
        acceptor.setDaemon(true);
    }

    /**
     * Binds {@code address} (port 0: one the kernel hands out) and starts accepting.
     *
     * @param tlsContext null for plain HTTP
     */
    static WebServer start(InetSocketAddress address, SSLContext tlsContext, Limits limits, Handler handler, PrintWriter log)
            throws IOException {
        ServerSocket socket = tlsContext == null ? new ServerSocket() : tlsContext.getServerSocketFactory().createServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(address, 128);
            if (socket instanceof SSLServerSocket ssl) {
                ssl.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            }
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        WebServer server = new WebServer(socket, tlsContext != null, limits, handler, log);
        server.acceptor.start();
        return server;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listening.getLocalSocketAddress();
    }

    ScheduledExecutorService watchdog() {
        return watchdog;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listening.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.println("portscope: warning: accepting a connection failed: " + e.getMessage());
                    log.flush();
                    pause();
                }
                continue;
            }
            if (clients.tryAcquire()) {
                Thread.ofVirtual().name("portscope-serve-client").start(() -> {
                    try {
                        serve(socket);
                    } finally {
                        clients.release();
                    }
                });
            } else if (refusals.tryAcquire()) {
                Thread.ofVirtual().name("portscope-serve-refusal").start(() -> {
                    try {
                        refuse(socket);
                    } finally {
                        refusals.release();
                    }
                });
            } else {
                closeQuietly(socket);
            }
        }
    }

    /** Out of descriptors, say: a moment before the next accept, rather than a busy loop. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refuse(Socket socket) {
        try (socket) {
            ScheduledFuture<?> deadline = watchdog.schedule(() -> closeQuietly(socket), 2, TimeUnit.SECONDS);
            exchange(socket, false).error(503, "too many clients at once (at most " + limits.maxClients() + ")");
            deadline.cancel(false);
        } catch (IOException ignored) {
            // the client went away: nothing to answer
        }
    }

    private Exchange exchange(Socket socket, boolean head) throws IOException {
        return new Exchange(socket, new BufferedOutputStream(socket.getOutputStream(), 16 * 1024), watchdog,
                limits.writeTimeout().toMillis(), tls, head);
    }

    private void serve(Socket socket) {
        open.add(socket);
        try (socket) {
            socket.setSoTimeout((int) limits.requestTimeout().toMillis());
            ScheduledFuture<?> deadline = watchdog.schedule(() -> closeQuietly(socket), limits.requestTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            HttpRequest request;
            try {
                byte[] head = readHead(new BufferedInputStream(socket.getInputStream(), 4096), limits.maxHeadBytes());
                if (head == null) {
                    return; // connected and closed without a request
                }
                request = RequestParser.parse(head);
            } catch (HttpError e) {
                deadline.cancel(false);
                exchange(socket, false).error(e.status(), e.getMessage());
                return;
            }
            deadline.cancel(false);
            socket.setSoTimeout(0);
            Exchange exchange = exchange(socket, request.isHead());
            try {
                handler.handle(request, exchange);
            } catch (HttpError e) {
                if (!exchange.committed()) {
                    exchange.error(e.status(), e.getMessage());
                }
            } catch (RuntimeException e) {
                log.println("portscope: internal error answering " + request.method() + " " + request.path() + ": " + e);
                log.flush();
                if (!exchange.committed()) {
                    exchange.error(500, "internal error (the server's log has its cause)");
                }
            }
        } catch (IOException e) {
            // a client that went away, sent nothing in time, or failed its TLS handshake: nothing to answer
        } catch (RuntimeException e) {
            if (!closed) {
                log.println("portscope: internal error serving a connection: " + e);
                log.flush();
            }
        } finally {
            open.remove(socket);
        }
    }

    /**
     * The bytes of a request head, up to the empty line that ends it (not included); null when the
     * connection ends before a byte. Empty lines before the request line are skipped (RFC 9112 §2.2).
     */
    static byte[] readHead(InputStream in, int limit) throws IOException, HttpError {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int lineLength = 0;
        int b;
        boolean started = false;
        while ((b = in.read()) >= 0) {
            if (head.size() >= limit) {
                throw new HttpError(431, "the request head is larger than " + limit + " bytes");
            }
            if (b == '\n') {
                if (lineLength == 0 && started) {
                    return stripCr(head.toByteArray());
                }
                if (started) {
                    head.write(b);
                }
                lineLength = 0;
                continue;
            }
            if (b == '\r') {
                if (started) {
                    head.write(b);
                }
                continue;
            }
            started = true;
            head.write(b);
            lineLength++;
        }
        if (!started) {
            return null;
        }
        throw new HttpError(400, "the connection ended inside the request head");
    }

    /** The head without its last line end. */
    private static byte[] stripCr(byte[] head) {
        int end = head.length;
        while (end > 0 && (head[end - 1] == '\r' || head[end - 1] == '\n')) {
            end--;
        }
        return java.util.Arrays.copyOf(head, end);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do about a socket that will not close
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listening.close();
        } catch (IOException ignored) {
            // closing the listener: its errors change nothing
        }
        open.forEach(WebServer::closeQuietly);
        watchdog.shutdownNow();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
