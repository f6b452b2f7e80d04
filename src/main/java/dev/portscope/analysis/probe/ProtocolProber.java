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
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Finds out what a TCP port speaks, with safe, read-mostly probes, each on its own connection and
 * each bounded by the timeout (connect, and every read): first wait for a banner; then a TLS
 * ClientHello, {@code HEAD / HTTP/1.0}, a Redis {@code PING}, memcached's {@code version}, a
 * PostgreSQL SSLRequest and a DNS query over TCP. None of them changes a server's state. As nmap
 * does, the probe of the service a port is registered to goes first (the DNS query on 53), so that a
 * service where it belongs answers at once. The replies are judged by {@link ReplyClassifier} and
 * {@link DnsMessages}; this class only talks.
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

    /**
     * A question, the protocol whose server it is meant for, the judge of its answer, and when the
     * answer is whole (reading stops there).
     */
    private record Ask(ProtocolKind kind, byte[] request, Function<byte[], Optional<Detection>> judge, Predicate<byte[]> complete) {}

    /**
     * After the banner and TLS, in this order: HTTP first (the most common), PostgreSQL late
     * (binary), DNS last: a DNS server on another port than 53 answers nothing else, and nmap too
     * sends its DNS query over TCP to any port that nothing else identified.
     */
    private static List<Ask> asks(int dnsId) {
        return List.of(
                new Ask(ProtocolKind.HTTP, HTTP_HEAD, by(ReplyClassifier::httpReply), ProtocolProber::textComplete),
                new Ask(ProtocolKind.REDIS, REDIS_PING, by(ReplyClassifier::redisReply), ProtocolProber::textComplete),
                new Ask(ProtocolKind.MEMCACHED, MEMCACHED_VERSION, by(ReplyClassifier::memcachedReply), ProtocolProber::textComplete),
                new Ask(ProtocolKind.POSTGRESQL, PG_SSL_REQUEST, by(ReplyClassifier::postgresReply), ProtocolProber::textComplete),
                new Ask(ProtocolKind.DNS, DnsMessages.tcpQuery(dnsId), bytes -> DnsMessages.tcpAnswer(bytes, dnsId)
                        .map(answer -> Detection.of(ProtocolKind.DNS, "version.bind CH TXT answered " + answer)),
                        DnsMessages::tcpComplete));
    }

    private final Duration timeout;

    public ProtocolProber(Duration timeout) {
        this.timeout = timeout;
    }

    /** Probes {@code target}, a port registered to nothing the probes know. */
    public Detection detect(InetSocketAddress target) {
        return detect(target, Optional.empty());
    }

    /**
     * Probes {@code target}, first with the probe of {@code expected}, the protocol of the service
     * its port is registered to.
     */
    public Detection detect(InetSocketAddress target, Optional<ProtocolKind> expected) {
        List<Ask> asks = asks(ThreadLocalRandom.current().nextInt(1 << 16));
        Optional<Ask> first = expected.flatMap(kind -> asks.stream().filter(a -> a.kind() == kind).findFirst());
        if (first.isPresent()) {
            Optional<Detection> found = ask(target, first.get()).detection();
            if (found.isPresent()) {
                return found.get();
            }
        }
        boolean tlsFirst = expected.equals(Optional.of(ProtocolKind.TLS));
        if (tlsFirst) {
            Optional<Detection> found = tlsDetection(target);
            if (found.isPresent()) {
                return found.get();
            }
        }
        Reply banner = exchange(target, null, ProtocolProber::textComplete);
        if (banner.failure() != null) {
            return Detection.of(ProtocolKind.UNKNOWN, banner.failure());
        }
        Optional<Detection> found = judge(banner, by(ReplyClassifier::banner));
        if (found.isPresent()) {
            return found.get();
        }
        if (!tlsFirst) {
            found = tlsDetection(target);
            if (found.isPresent()) {
                return found.get();
            }
        }
        boolean onlyDns = false;
        for (Ask ask : asks) {
            if (first.equals(Optional.of(ask)) || onlyDns && ask.kind() != ProtocolKind.DNS) {
                continue;
            }
            Asked asked = ask(target, ask);
            if (asked.detection().isPresent()) {
                return asked.detection().get();
            }
            // A server that waits on after a whole HTTP request wants more bytes than a line: text protocols
            // (Redis, memcached) answer a line, PostgreSQL hangs up on a length it cannot take; of our
            // questions only the DNS query, whose length prefix such a server reads, can still be answered.
            onlyDns |= ask.kind() == ProtocolKind.HTTP && asked.reply().stalled();
        }
        return Detection.of(ProtocolKind.UNKNOWN, banner.bytes().length > 0
                ? "unrecognised banner: " + ReplyClassifier.firstLine(banner.bytes())
                : "no reply to any probe within " + timeout.toMillis() + " ms");
    }

    /** A reply and what it was judged to be. */
    private record Asked(Reply reply, Optional<Detection> detection) {}

    private Asked ask(InetSocketAddress target, Ask ask) {
        Reply reply = exchange(target, ask.request(), ask.complete());
        return new Asked(reply, judge(reply, ask.judge()));
    }

    private Optional<Detection> tlsDetection(InetSocketAddress target) {
        return tls(target).map(t -> new Detection(ProtocolKind.TLS, t.version() + " " + t.cipher(), Optional.of(t)));
    }

    /** A judge of replies from a classifier of protocols: the evidence is the reply, as {@link #evidence} quotes it. */
    private static Function<byte[], Optional<Detection>> by(Function<byte[], Optional<ProtocolKind>> classifier) {
        return bytes -> classifier.apply(bytes).map(kind -> Detection.of(kind, evidence(kind, bytes)));
    }

    private static Optional<Detection> judge(Reply reply, Function<byte[], Optional<Detection>> judge) {
        return reply.bytes().length == 0 ? Optional.empty() : judge.apply(reply.bytes());
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

    /**
     * What the server said, or why it could not be asked.
     *
     * @param stalled nothing came, and the connection stayed open until the wait ended
     */
    private record Reply(byte[] bytes, String failure, boolean stalled) {}

    /** Connects, sends {@code request} (nothing when null), reads the first reply until it is {@code complete} or the timeout. */
    private Reply exchange(InetSocketAddress target, byte[] request, Predicate<byte[]> complete) {
        try (Socket socket = new Socket()) {
            socket.connect(target, millis());
            socket.setSoTimeout(millis());
            if (request != null) {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            }
            return readSome(socket.getInputStream(), complete);
        } catch (SocketTimeoutException e) {
            return new Reply(new byte[0], "connect: no answer within " + timeout.toMillis() + " ms", false);
        } catch (IOException e) {
            return new Reply(new byte[0], request == null ? "connect: " + e.getMessage() : null, false);
        }
    }

    /** A line has ended, a PostgreSQL answer (one byte) or a MySQL greeting has come. */
    private static boolean textComplete(byte[] b) {
        return b[b.length - 1] == '\n' || b.length == 1 && (b[0] == 'S' || b[0] == 'N') || ReplyClassifier.isMysqlHandshake(b);
    }

    /** Reads until the reply is {@code complete}, {@link #MAX_REPLY} bytes, end of stream or the timeout. */
    private static Reply readSome(InputStream in, Predicate<byte[]> complete) throws IOException {
        byte[] buffer = new byte[MAX_REPLY];
        int n = 0;
        try {
            while (n < buffer.length) {
                int r = in.read(buffer, n, buffer.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
                if (complete.test(Arrays.copyOf(buffer, n))) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            return new Reply(Arrays.copyOf(buffer, n), null, n == 0); // what arrived before the timeout is the reply
        }
        return new Reply(Arrays.copyOf(buffer, n), null, false);
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
