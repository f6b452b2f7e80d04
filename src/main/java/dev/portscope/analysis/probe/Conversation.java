package dev.portscope.analysis.probe;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The exchanges of one probe with one port, each on its own connection, all under one deadline
 * ({@link ProbeBounds}). A connect waits at most the wait; a reply, however it arrives (a byte every
 * 0.3 s, or a TLS handshake fed slowly), at most the wait from when it is awaited; neither past the
 * deadline. Socket timeouts bound each read; a timer that closes the socket when the reply's time is
 * up ends whatever they cannot (a handshake, a write the server does not read). Only talks: the
 * caller judges the replies.
 */
final class Conversation {

    /** Enough to recognise any banner; a server cannot make us read more. */
    static final int MAX_REPLY = 512;

    private final InetSocketAddress target;
    private final Duration wait;
    private final long start;
    private final long deadline;

    /** @param deadline {@link System#nanoTime()} by which everything ends */
    Conversation(InetSocketAddress target, Duration wait, long deadline) {
        this.target = target;
        this.wait = wait;
        this.start = System.nanoTime();
        this.deadline = deadline;
    }

    /**
     * What the server said, or why it could not be asked.
     *
     * @param failure why the connect failed, null when it succeeded
     * @param stalled nothing came, and the connection stayed open until the wait ended
     */
    record Reply(byte[] bytes, String failure, boolean stalled) {}

    boolean expired() {
        return deadline - System.nanoTime() <= 0;
    }

    /** Milliseconds since the conversation began. */
    long elapsedMillis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Connects, sends {@code request} (nothing when null), reads the first reply until it is {@code complete}, full, ended or timed out. */
    Reply exchange(byte[] request, Predicate<byte[]> complete) {
        if (expired()) {
            return new Reply(new byte[0], "deadline passed before the connect", false);
        }
        try (Socket socket = new Socket()) {
            socket.connect(target, millisLeft(System.nanoTime() + wait.toNanos()));
            long replyBy = Math.min(System.nanoTime() + wait.toNanos(), deadline);
            try (Guard guard = closeAt(socket, replyBy)) {
                if (request != null) {
                    socket.getOutputStream().write(request);
                    socket.getOutputStream().flush();
                }
                return readSome(socket, replyBy, complete);
            }
        } catch (SocketTimeoutException e) {
            return new Reply(new byte[0], "connect: no answer within " + wait.toMillis() + " ms", false);
        } catch (IOException e) {
            return new Reply(new byte[0], "connect: " + e.getMessage(), false);
        }
    }

    /** Reads until the reply is {@code complete}, {@link #MAX_REPLY} bytes, end of stream, or {@code replyBy}. */
    private Reply readSome(Socket socket, long replyBy, Predicate<byte[]> complete) {
        byte[] buffer = new byte[MAX_REPLY];
        int n = 0;
        InputStream in;
        try {
            in = socket.getInputStream();
            // each pass reads at least a byte or ends: at most MAX_REPLY passes, and none after replyBy
            while (n < buffer.length && replyBy - System.nanoTime() > 0) {
                socket.setSoTimeout(millisLeft(replyBy));
                int r = in.read(buffer, n, buffer.length - n);
                if (r < 0) {
                    return new Reply(Arrays.copyOf(buffer, n), null, false);
                }
                n += r;
                if (complete.test(Arrays.copyOf(buffer, n))) {
                    return new Reply(Arrays.copyOf(buffer, n), null, false);
                }
            }
        } catch (SocketTimeoutException e) {
            // what arrived before the time was up is the reply
        } catch (IOException e) {
            // reset by the server, or closed by the guard as the time was up (a stall, as if the read had timed out)
            return new Reply(Arrays.copyOf(buffer, n), null, n == 0 && replyBy - System.nanoTime() <= 0);
        }
        return new Reply(Arrays.copyOf(buffer, n), null, n == 0);
    }

    /** A TLS handshake that trusts any certificate: for inspection only, no data is sent over it. */
    Optional<TlsInfo> tls() {
        if (expired()) {
            return Optional.empty();
        }
        try (Socket plain = new Socket()) {
            plain.connect(target, millisLeft(System.nanoTime() + wait.toNanos()));
            long replyBy = Math.min(System.nanoTime() + wait.toNanos(), deadline);
            plain.setSoTimeout(millisLeft(replyBy));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new InspectOnly()}, null);
            try (Guard guard = closeAt(plain, replyBy);
                    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, target.getHostString(), target.getPort(), false)) {
                tls.startHandshake();
                SSLSession session = tls.getSession();
                Certificate[] chain = session.getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate cert) {
                    return Optional.of(new TlsInfo(session.getProtocol(), session.getCipherSuite(), cert.getSubjectX500Principal().getName(),
                            cert.getIssuerX500Principal().getName(), cert.getNotAfter().toInstant()));
                }
                return Optional.of(new TlsInfo(session.getProtocol(), session.getCipherSuite(), "", "", null));
            }
        } catch (IOException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Milliseconds until {@code by} or the deadline, whichever is first; at least 1 (0 would mean no timeout). */
    private int millisLeft(long by) {
        long left = (Math.min(by, deadline) - System.nanoTime()) / 1_000_000;
        return (int) Math.clamp(left, 1, Integer.MAX_VALUE);
    }

    /** Stops a timer when the exchange ends first. */
    private interface Guard extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Closes {@code socket} at {@code by} unless the exchange ends first: a blocked read, write or
     * handshake then fails at once. One virtual thread per exchange, sleeping.
     */
    private static Guard closeAt(Closeable socket, long by) {
        Thread timer = Thread.ofVirtual().start(() -> {
            try {
                long left = by - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.sleep(left);
                }
                socket.close();
            } catch (InterruptedException | IOException e) {
                // the exchange ended first (interrupted), or the socket was closed already
            }
        });
        return timer::interrupt;
    }

    /** Accepts every certificate, so that an expired or self-signed one can still be reported. */
    private static final class InspectOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
