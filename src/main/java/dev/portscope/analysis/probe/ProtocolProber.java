package dev.portscope.analysis.probe;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Finds out what a TCP port speaks, with safe, read-mostly probes, each on its own connection: first
 * wait for a banner; then a TLS ClientHello, {@code HEAD / HTTP/1.0}, a Redis {@code PING},
 * memcached's {@code version}, a PostgreSQL SSLRequest and a DNS query over TCP. None of them changes
 * a server's state. As nmap does, the probe of the service a port is registered to goes first (the
 * DNS query on 53), so that a service where it belongs answers at once. All of it is bounded by one
 * deadline per port ({@link ProbeBounds}; the talking is {@link Conversation}'s), and the replies are
 * judged by {@link ReplyClassifier} and {@link DnsMessages}.
 */
public final class ProtocolProber {

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

    private final ProbeBounds bounds;

    /** Probes bounded by {@link ProbeBounds#of(Duration) ProbeBounds.of(wait)}. */
    public ProtocolProber(Duration wait) {
        this(ProbeBounds.of(wait));
    }

    public ProtocolProber(ProbeBounds bounds) {
        this.bounds = bounds;
    }

    /** Probes {@code target}, a port registered to nothing the probes know. */
    public Detection detect(InetSocketAddress target) {
        return detect(target, Optional.empty());
    }

    /**
     * Probes {@code target}, first with the probe of {@code expected}, the protocol of the service
     * its port is registered to; done within the bound of one port.
     */
    public Detection detect(InetSocketAddress target, Optional<ProtocolKind> expected) {
        return detect(target, expected, System.nanoTime() + bounds.perPort().toNanos());
    }

    /** As {@link #detect(InetSocketAddress, Optional)}, done by {@code deadline} ({@link System#nanoTime()}). */
    Detection detect(InetSocketAddress target, Optional<ProtocolKind> expected, long deadline) {
        Conversation port = new Conversation(target, bounds.perWait(), deadline);
        Detection found = plan(port, expected);
        if (found.protocol() == ProtocolKind.UNKNOWN && port.expired()) {
            return Detection.timedOut("timed out after " + port.elapsedMillis() + " ms, before any probe was answered"
                    + (found.evidence().startsWith("unrecognised banner: ") ? " (" + found.evidence() + ")" : ""));
        }
        return found;
    }

    /** The probes in their order; the first recognised answer decides. */
    private Detection plan(Conversation port, Optional<ProtocolKind> expected) {
        List<Ask> asks = asks(ThreadLocalRandom.current().nextInt(1 << 16));
        Optional<Ask> first = expected.flatMap(kind -> asks.stream().filter(a -> a.kind() == kind).findFirst());
        if (first.isPresent()) {
            Optional<Detection> found = ask(port, first.get()).detection();
            if (found.isPresent()) {
                return found.get();
            }
        }
        boolean tlsFirst = expected.equals(Optional.of(ProtocolKind.TLS));
        if (tlsFirst) {
            Optional<Detection> found = tlsDetection(port);
            if (found.isPresent()) {
                return found.get();
            }
        }
        Conversation.Reply banner = port.exchange(null, ProtocolProber::textComplete);
        if (banner.failure() != null) {
            return Detection.of(ProtocolKind.UNKNOWN, banner.failure());
        }
        Optional<Detection> found = judge(banner, by(ReplyClassifier::banner));
        if (found.isPresent()) {
            return found.get();
        }
        if (!tlsFirst) {
            found = tlsDetection(port);
            if (found.isPresent()) {
                return found.get();
            }
        }
        boolean onlyDns = false;
        for (Ask ask : asks) {
            if (port.expired()) {
                break;
            }
            if (first.equals(Optional.of(ask)) || onlyDns && ask.kind() != ProtocolKind.DNS) {
                continue;
            }
            Asked asked = ask(port, ask);
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
                : "no reply to any probe within " + bounds.perWait().toMillis() + " ms");
    }

    /** A reply and what it was judged to be. */
    private record Asked(Conversation.Reply reply, Optional<Detection> detection) {}

    private static Asked ask(Conversation port, Ask ask) {
        Conversation.Reply reply = port.exchange(ask.request(), ask.complete());
        return new Asked(reply, judge(reply, ask.judge()));
    }

    private static Optional<Detection> tlsDetection(Conversation port) {
        return port.tls().map(t -> new Detection(ProtocolKind.TLS, t.version() + " " + t.cipher(), Optional.of(t)));
    }

    /** A judge of replies from a classifier of protocols: the evidence is the reply, as {@link #evidence} quotes it. */
    private static Function<byte[], Optional<Detection>> by(Function<byte[], Optional<ProtocolKind>> classifier) {
        return bytes -> classifier.apply(bytes).map(kind -> Detection.of(kind, evidence(kind, bytes)));
    }

    private static Optional<Detection> judge(Conversation.Reply reply, Function<byte[], Optional<Detection>> judge) {
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

    /** A line has ended, a PostgreSQL answer (one byte) or a MySQL greeting has come. */
    private static boolean textComplete(byte[] b) {
        return b[b.length - 1] == '\n' || b.length == 1 && (b[0] == 'S' || b[0] == 'N') || ReplyClassifier.isMysqlHandshake(b);
    }
}
