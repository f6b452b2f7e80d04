package dev.portscope.analysis.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Greetings and replies as real servers send them (OpenSSH, Postfix, vsftpd, Dovecot, MySQL, Redis). */
class ReplyClassifierTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(b(s));
    }

    /** A MySQL packet: 3-byte little-endian length, sequence id, payload. */
    private static byte[] mysqlPacket(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(payload.length & 0xff);
        out.write(payload.length >> 8 & 0xff);
        out.write(payload.length >> 16 & 0xff);
        out.write(0);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    @Test
    void bannersOfTheCommonDaemons() {
        assertThat(ReplyClassifier.banner(b("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"))).contains(ProtocolKind.SSH);
        assertThat(ReplyClassifier.banner(b("220 mail.example.org ESMTP Postfix (Debian/GNU)\r\n"))).contains(ProtocolKind.SMTP);
        assertThat(ReplyClassifier.banner(b("220 mx.example.org Microsoft ESMTP MAIL Service ready\r\n"))).contains(ProtocolKind.SMTP);
        assertThat(ReplyClassifier.banner(b("220 (vsFTPd 3.0.3)\r\n"))).contains(ProtocolKind.FTP);
        assertThat(ReplyClassifier.banner(b("220 ProFTPD Server (Debian) [::ffff:127.0.0.1]\r\n"))).contains(ProtocolKind.FTP);
        assertThat(ReplyClassifier.banner(b("+OK Dovecot (Debian) ready.\r\n"))).contains(ProtocolKind.POP3);
        assertThat(ReplyClassifier.banner(b("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot (Debian) ready.\r\n")))
                .contains(ProtocolKind.IMAP);
        assertThat(ReplyClassifier.banner(b("-DENIED Redis is running in protected mode because protected mode is enabled\r\n")))
                .contains(ProtocolKind.REDIS);
    }

    @Test
    void mysqlHandshakeAndRefusal() {
        // Protocol::HandshakeV10 of MySQL 8.0.36: version 10, server version, thread id 13, salt, capabilities, auth plugin
        byte[] handshake = mysqlPacket(HexFormat.of().parseHex("0a" + hex("8.0.36") + "00" + "0d000000" + hex("abcdefgh") + "00"
                + "ffff" + "ff" + "0200" + "ffdf" + "15" + "00".repeat(10) + hex("ijklmnopqrst") + "00" + hex("caching_sha2_password") + "00"));
        assertThat(ReplyClassifier.banner(handshake)).contains(ProtocolKind.MYSQL);
        // ERR_Packet 1130 (0x046a), sent by MariaDB to a host it does not know
        byte[] refused = mysqlPacket(HexFormat.of().parseHex("ff6a04" + hex("Host '172.17.0.1' is not allowed to connect to this MariaDB server")));
        assertThat(ReplyClassifier.banner(refused)).contains(ProtocolKind.MYSQL);
        assertThat(ReplyClassifier.banner(new byte[] {5, 0, 0, 0, 10})).isEmpty(); // no version string
    }

    @Test
    void repliesToTheQuestions() {
        assertThat(ReplyClassifier.httpReply(b("HTTP/1.1 404 Not Found\r\nServer: nginx\r\n\r\n"))).contains(ProtocolKind.HTTP);
        assertThat(ReplyClassifier.httpReply(b("HTTP/1.0 200 OK\r\n"))).contains(ProtocolKind.HTTP);
        assertThat(ReplyClassifier.httpReply(b("-ERR unknown command 'HEAD', with args beginning with: '/' 'HTTP/1.0' \r\n")))
                .contains(ProtocolKind.REDIS);
        assertThat(ReplyClassifier.redisReply(b("+PONG\r\n"))).contains(ProtocolKind.REDIS);
        assertThat(ReplyClassifier.redisReply(b("-NOAUTH Authentication required.\r\n"))).contains(ProtocolKind.REDIS);
        assertThat(ReplyClassifier.postgresReply(b("S"))).contains(ProtocolKind.POSTGRESQL);
        assertThat(ReplyClassifier.postgresReply(b("N"))).contains(ProtocolKind.POSTGRESQL);
        assertThat(ReplyClassifier.postgresReply(b("NO"))).isEmpty();
    }

    @Test
    void anythingElseIsNotGuessed() {
        assertThat(ReplyClassifier.banner(b("hello there\n"))).isEqualTo(Optional.empty());
        assertThat(ReplyClassifier.banner(new byte[] {0x16, 0x03, 0x01, 0, 0})).isEmpty();
        assertThat(ReplyClassifier.httpReply(b("<html>"))).isEmpty();
        assertThat(ReplyClassifier.redisReply(b("-ERR something"))).isEmpty();
    }

    @Test
    void evidenceIsOnePrintableLine() {
        assertThat(ReplyClassifier.firstLine(b("SSH-2.0-x\u0001y\r\nmore"))).isEqualTo("SSH-2.0-x.y");
        assertThat(ReplyClassifier.firstLine(b("a".repeat(200)))).hasSize(80);
    }

    /** memcached 1.6 answers {@code version} with one line; its ERROR to other probes names nothing. */
    @Test
    void memcachedAnswersVersion() {
        assertThat(ReplyClassifier.memcachedReply(b("VERSION 1.6.18\r\n"))).contains(ProtocolKind.MEMCACHED);
        assertThat(ReplyClassifier.memcachedReply(b("ERROR\r\n"))).isEmpty();
        assertThat(ReplyClassifier.memcachedReply(b("VERSION \r\n"))).isEmpty();
        assertThat(ReplyClassifier.memcachedReply(b("VERSION 1.6"))).as("no line end: cut off").isEmpty();
        assertThat(ReplyClassifier.httpReply(b("ERROR\r\n"))).isEmpty();
    }
}
