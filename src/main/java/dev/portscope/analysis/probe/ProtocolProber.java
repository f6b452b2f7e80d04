package dev.portscope.analysis.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Finds out what a TCP port speaks, with safe, read-mostly probes, each on its own connection and
 * each bounded by the timeout (connect, and every read): first wait for a banner; then a TLS
 * ClientHello, {@code HEAD / HTTP/1.0}, a Redis {@code PING}, memcached's {@code version}, a PostgreSQL SSLRequest. None of them
 * changes a server's state. The replies are judged by {@link ReplyClassifier}; this class only talks.
 */
public final class ProtocolProber {

    /** Enough to recognise any banner; a server cannot make us read more. */
    private static final int MAX_REPLY = 512;
    private static final byte[] HTTP_HEAD = "HEAD / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REDIS_PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    /** memcached's text protocol: {@code version} reads nothing and changes nothing (protocol.txt, "General-purpose commands"). */
    private static final byte[] MEMCACHED_VERSION = "version\r\n".getBytes(StandardCharsets.US_ASCII);
    /** PostgreSQL protocol, "SSLRequest": length 8, then the code 80877103 (1234 << 16 | 5679). */
    private static final byte[] PG_SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

    /** A question and the classifier of its answer. */
    private record Ask(byte[] request, Function<byte[], Optional<ProtocolKind>> classifier) {}

    /** After the banner and TLS, in this order: HTTP first (the most common), PostgreSQL last (binary). */
    private static final java.util.List<Ask> ASKS = java.util.List.of(
            new Ask(HTTP_HEAD, ReplyClassifier::httpReply),
            new Ask(REDIS_PING, ReplyClassifier::redisReply),
            new Ask(MEMCACHED_VERSION, ReplyClassifier::memcachedReply),
            new Ask(PG_SSL_REQUEST, ReplyClassifier::postgresReply));

    private final Duration timeout;

    public ProtocolProber(Duration timeout) {
        this.timeout = timeout;
    }

    /** Probes {@code target}; never takes longer than about six timeouts. */
    public Detection detect(InetSocketAddress target) {
        Reply banner = exchange(target, null);
        if (banner.failure() != null) {
            return Detection.of(ProtocolKind.UNKNOWN, banner.failure());
        }
        Optional<Detection> found = judge(banner, ReplyClassifier::banner);
        if (found.isPresent()) {
            return found.get();
        }
        Optional<TlsInfo> tls = tls(target);
        if (tls.isPresent()) {
            return new Detection(ProtocolKind.TLS, tls.get().version() + " " + tls.get().cipher(), tls);
        }
        for (Ask ask : ASKS) {
            found = judge(exchange(target, ask.request()), ask.classifier());
            if (found.isPresent()) {
                return found.get();
            }
        }
        return Detection.of(ProtocolKind.UNKNOWN, banner.bytes().length > 0
                ? "unrecognised banner: " + ReplyClassifier.firstLine(banner.bytes())
                : "no reply to any probe within " + timeout.toMillis() + " ms");
    }

    private static Optional<Detection> judge(Reply reply, Function<byte[], Optional<ProtocolKind>> classifier) {
        if (reply.bytes().length == 0) {
            return Optional.empty();
        }
        return classifier.apply(reply.bytes()).map(kind -> Detection.of(kind, evidence(kind, reply.bytes())));
    }

    private static String evidence(ProtocolKind kind, byte[] bytes) {
        if (kind == ProtocolKind.MYSQL && bytes.length > 5 && bytes[4] == 10) {
            int end = 5;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return "server version " + ReplyClassifier.firstLine(Arrays.copyOfRange(bytes, 5, end));
        }
        if (kind == ProtocolKind.POSTGRESQL) {
            return bytes[0] == 'S' ? "SSLRequest answered S (TLS available)" : "SSLRequest answered N (no TLS)";
        }
        return ReplyClassifier.firstLine(bytes);
    }

    /** What the server said, or why it could not be asked. */
    private record Reply(byte[] bytes, String failure) {}

    /** Connects, sends {@code request} (nothing when null), reads the first reply until the timeout. */
    private Reply exchange(InetSocketAddress target, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(target, millis());
            socket.setSoTimeout(millis());
            if (request != null) {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            }
            return new Reply(readSome(socket.getInputStream()), null);
        } catch (SocketTimeoutException e) {
            return new Reply(new byte[0], "connect: no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Reply(new byte[0], request == null ? "connect: " + e.getMessage() : null);
        }
    }

    /** Reads until a line ends, {@link #MAX_REPLY} bytes, end of stream or the timeout. */
    private static byte[] readSome(InputStream in) throws IOException {
        byte[] buffer = new byte[MAX_REPLY];
        int n = 0;
        try {
            while (n < buffer.length) {
                int r = in.read(buffer, n, buffer.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
                if (buffer[n - 1] == '\n' || n == 1 && (buffer[0] == 'S' || buffer[0] == 'N') || ReplyClassifier.isMysqlHandshake(Arrays.copyOf(buffer, n))) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // what arrived before the timeout is the reply
        }
        return Arrays.copyOf(buffer, n);
    }

    /** A TLS handshake that trusts any certificate: for inspection only, no data is sent over it. */
    private Optional<TlsInfo> tls(InetSocketAddress target) {
        try (Socket plain = new Socket()) {
            plain.connect(target, millis());
            plain.setSoTimeout(millis());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new InspectOnly()}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, target.getHostString(), target.getPort(), false)) {
                tls.setSoTimeout(millis());
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

    private int millis() {
        return (int) Math.max(1, timeout.toMillis());
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
