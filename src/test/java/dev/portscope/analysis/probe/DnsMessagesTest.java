package dev.portscope.analysis.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Replies to the DNS probe's question, built byte by byte after RFC 1035 §4.1. */
class DnsMessagesTest {

    private static final int ID = 0xbeef;

    /** A reply to our query: header with {@code flags} and counts, our question, then {@code answer} bytes. */
    private static byte[] reply(int flags, int questions, int answers, byte[] answer) {
        byte[] query = DnsMessages.query(ID);
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {(byte) (ID >> 8), (byte) ID, (byte) (flags >> 8), (byte) flags, 0, (byte) questions, 0, (byte) answers, 0, 0, 0, 0});
        if (questions > 0) {
            m.write(query, 12, query.length - 12);
        }
        m.writeBytes(answer);
        return m.toByteArray();
    }

    private static final byte[] TXT_ANSWER = {(byte) 0xc0, 12, 0, 16, 0, 3, 0, 0, 0, 0, 0, 8, 7, '9', '.', '1', '8', '.', '2', '8'};

    @Test
    void theQueryIsVersionBindInTheChaosClassWithoutRecursion() {
        byte[] q = DnsMessages.query(ID);
        assertThat(Arrays.copyOf(q, 12)).containsExactly(0xbe, 0xef, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0);
        assertThat(new String(q, 13, 7, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("version");
        assertThat(Arrays.copyOfRange(q, q.length - 4, q.length)).containsExactly(0, 16, 0, 3);
    }

    @Test
    void answersOfADnsServerAreRecognised() {
        assertThat(DnsMessages.answer(reply(0x8400, 1, 1, TXT_ANSWER), ID)).contains("NOERROR \"9.18.28\"");
        assertThat(DnsMessages.answer(reply(0x8005, 1, 0, new byte[0]), ID)).contains("REFUSED");
        assertThat(DnsMessages.answer(reply(0x8004, 0, 0, new byte[0]), ID)).contains("NOTIMP");
        // an answer that is not TXT still proves DNS; its data is not quoted
        byte[] a = TXT_ANSWER.clone();
        a[3] = 1;
        assertThat(DnsMessages.answer(reply(0x8400, 1, 1, a), ID)).contains("NOERROR");
    }

    @Test
    void anythingElseIsNotDns() {
        assertThat(DnsMessages.answer(DnsMessages.query(ID), ID)).as("an echo of the query").isEmpty();
        assertThat(DnsMessages.answer(reply(0x8400, 1, 1, TXT_ANSWER), ID + 1)).as("another id").isEmpty();
        assertThat(DnsMessages.answer(reply(0x8400 | 0x2800, 1, 1, TXT_ANSWER), ID)).as("another opcode").isEmpty();
        assertThat(DnsMessages.answer(Arrays.copyOf(reply(0x8400, 1, 1, TXT_ANSWER), 11), ID)).as("shorter than a header").isEmpty();
        assertThat(DnsMessages.answer(Arrays.copyOf(reply(0x8400, 1, 1, TXT_ANSWER), 20), ID)).as("a cut question").isEmpty();
        byte[] other = reply(0x8400, 1, 0, new byte[0]);
        other[14] = 'X';
        assertThat(DnsMessages.answer(other, ID)).as("another question").isEmpty();
        assertThat(DnsMessages.answer("HTTP/1.1 400 Bad Request\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), ID)).isEmpty();
        byte[] truncatedTxt = reply(0x8400, 1, 1, Arrays.copyOf(TXT_ANSWER, 15));
        assertThat(DnsMessages.answer(truncatedTxt, ID)).as("an answer cut short is still a DNS reply").contains("NOERROR");
    }

    /** RFC 1035 §4.2.2: over TCP each message follows its two-byte length. */
    @Test
    void overTcpTheMessageFollowsItsLength() {
        byte[] q = DnsMessages.tcpQuery(ID);
        assertThat(q.length).isEqualTo(2 + DnsMessages.query(ID).length);
        assertThat(Arrays.copyOf(q, 4)).containsExactly(0, DnsMessages.query(ID).length, 0xbe, 0xef);

        byte[] message = reply(0x8400, 1, 1, TXT_ANSWER);
        byte[] framed = new byte[2 + message.length];
        framed[1] = (byte) message.length;
        System.arraycopy(message, 0, framed, 2, message.length);
        assertThat(DnsMessages.tcpComplete(framed)).isTrue();
        assertThat(DnsMessages.tcpAnswer(framed, ID)).contains("NOERROR \"9.18.28\"");

        byte[] cut = Arrays.copyOf(framed, framed.length - 1);
        assertThat(DnsMessages.tcpComplete(cut)).isFalse();
        assertThat(DnsMessages.tcpAnswer(cut, ID)).as("shorter than its length").isEmpty();
        assertThat(DnsMessages.tcpAnswer(message, ID)).as("no length").isEmpty();
        assertThat(DnsMessages.tcpAnswer(q, ID)).as("an echo of the query").isEmpty();
        assertThat(DnsMessages.tcpAnswer("HTTP/1.1 400 Bad Request\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), ID)).isEmpty();
    }
}
