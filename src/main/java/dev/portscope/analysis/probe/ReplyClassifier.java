package dev.portscope.analysis.probe;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Bytes a server sent → the protocol they belong to. Pure: one function per probe, each told only
 * what the server answered to it. Sources: RFC 4253 §4.2 (SSH identification string), RFC 5321 §4.2
 * (SMTP 220 greeting), RFC 959 (FTP 220), RFC 1939 (POP3 +OK), RFC 9051 §7.1 (IMAP untagged OK), MySQL
 * "Protocol::Handshake" (packet header, protocol version 10), RESP (Redis replies), memcached's
 * protocol.txt ({@code version} → {@code VERSION <version>}), PostgreSQL "SSLRequest" (one byte, S or N).
 */
public final class ReplyClassifier {

    private ReplyClassifier() {}

    /** What a server says before it is asked anything. */
    public static Optional<ProtocolKind> banner(byte[] bytes) {
        String text = ascii(bytes);
        if (text.startsWith("SSH-")) {
            return Optional.of(ProtocolKind.SSH);
        }
        if (text.startsWith("220")) {
            String first = firstLine(bytes).toUpperCase(Locale.ROOT);
            return Optional.of(first.contains("SMTP") || first.contains("ESMTP") || first.contains("POSTFIX") || first.contains("EXIM")
                    ? ProtocolKind.SMTP : ProtocolKind.FTP); // both greet with 220; SMTP servers name their protocol
        }
        if (text.startsWith("+OK")) {
            return Optional.of(ProtocolKind.POP3);
        }
        if (text.startsWith("* OK") || text.startsWith("* PREAUTH")) {
            return Optional.of(ProtocolKind.IMAP);
        }
        if (isMysqlHandshake(bytes)) {
            return Optional.of(ProtocolKind.MYSQL);
        }
        return redis(text);
    }

    /** The answer to {@code HEAD / HTTP/1.0}. */
    public static Optional<ProtocolKind> httpReply(byte[] bytes) {
        String text = ascii(bytes);
        if (text.startsWith("HTTP/1.") || text.startsWith("HTTP/2") || text.startsWith("HTTP/0.9")) {
            return Optional.of(ProtocolKind.HTTP);
        }
        return redis(text); // Redis answers unknown commands with -ERR
    }

    /** The answer to the inline command {@code PING}. */
    public static Optional<ProtocolKind> redisReply(byte[] bytes) {
        return redis(ascii(bytes));
    }

    /** The answer to memcached's {@code version} command: {@code VERSION 1.6.18} and the line's end (memcached protocol.txt). */
    public static Optional<ProtocolKind> memcachedReply(byte[] bytes) {
        String text = ascii(bytes);
        return text.startsWith("VERSION ") && text.length() > 9 && text.charAt(8) > ' ' && text.indexOf('\n') > 8 ? Optional.of(ProtocolKind.MEMCACHED) : Optional.empty();
    }

    /** The answer to a PostgreSQL SSLRequest: exactly one byte, {@code S} (will do TLS) or {@code N} (will not). */
    public static Optional<ProtocolKind> postgresReply(byte[] bytes) {
        return bytes.length == 1 && (bytes[0] == 'S' || bytes[0] == 'N') ? Optional.of(ProtocolKind.POSTGRESQL) : Optional.empty();
    }

    private static Optional<ProtocolKind> redis(String text) {
        return text.startsWith("+PONG") || text.startsWith("-NOAUTH") || text.startsWith("-DENIED") || text.startsWith("-ERR unknown command")
                || text.startsWith("-ERR wrong number") || text.startsWith("-ERR operation not permitted")
                ? Optional.of(ProtocolKind.REDIS) : Optional.empty();
    }

    /**
     * MySQL's first packet: a 3-byte little-endian length, sequence id 0, then protocol version 10
     * followed by a NUL-terminated server version, or an error packet (0xff) when the host is refused.
     */
    static boolean isMysqlHandshake(byte[] b) {
        if (b.length < 5) {
            return false;
        }
        int length = (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16;
        if (b[3] != 0 || length < 1 || length > 1024 || length + 4 < Math.min(b.length, 5)) {
            return false;
        }
        if ((b[4] & 0xff) == 0xff) {
            return b.length >= 7; // error packet: 0xff, 2-byte code, message
        }
        if (b[4] != 10) {
            return false;
        }
        for (int i = 5; i < Math.min(b.length, 4 + length); i++) {
            if (b[i] == 0) {
                return i > 5;
            }
        }
        return false;
    }

    /** The first line, printable ASCII only, at most 80 characters: what a report may quote. */
    public static String firstLine(byte[] bytes) {
        StringBuilder line = new StringBuilder();
        for (byte b : bytes) {
            if (b == '\r' || b == '\n' || line.length() >= 80) {
                break;
            }
            line.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return line.toString();
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.ISO_8859_1);
    }
}
