package dev.portscope.analysis.probe;

import java.util.Arrays;
import java.util.Optional;

/**
 * The DNS probe's question and the judgement of its answer. Pure. The question is
 * {@code version.bind CH TXT} without recursion (RFC 1035 §4.1; the CHAOS class, RFC 1035 §3.2.4,
 * is answered by the server itself: no query leaves the machine on our behalf, whatever the server).
 */
public final class DnsMessages {

    private static final int TYPE_TXT = 16;
    private static final int CLASS_CH = 3;
    private static final String[] RCODES = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"};

    private DnsMessages() {}

    /**
     * A standard query for {@code version.bind CH TXT} with the given id:
     * <pre>
     * header (12 bytes): id, flags (QR=0 opcode=0 RD=0), QDCOUNT=1, ANCOUNT=0, NSCOUNT=0, ARCOUNT=0
     * question: 7 "version" 4 "bind" 0, QTYPE=16 (TXT), QCLASS=3 (CH)
     * </pre>
     */
    public static byte[] query(int id) {
        byte[] q = {
            (byte) (id >> 8), (byte) id, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
            7, 'v', 'e', 'r', 's', 'i', 'o', 'n', 4, 'b', 'i', 'n', 'd', 0,
            0, TYPE_TXT, 0, CLASS_CH};
        return q;
    }

    /**
     * {@link #query(int) query(id)} as DNS over TCP sends it: after a two-byte length, most
     * significant byte first (RFC 1035 §4.2.2, RFC 7766 §8).
     */
    public static byte[] tcpQuery(int id) {
        byte[] q = query(id);
        byte[] framed = new byte[2 + q.length];
        framed[0] = (byte) (q.length >> 8);
        framed[1] = (byte) q.length;
        System.arraycopy(q, 0, framed, 2, q.length);
        return framed;
    }

    /** Whether {@code received} holds a whole length-prefixed message (the reading of a TCP reply may stop). */
    public static boolean tcpComplete(byte[] received) {
        return received.length >= 2 && received.length >= 2 + u16(received, 0);
    }

    /**
     * As {@link #answer(byte[], int)}, for a reply over TCP: a two-byte length that the message
     * fills, then the message; empty when the length does not fit (text, an echo cut short).
     */
    public static Optional<String> tcpAnswer(byte[] reply, int id) {
        if (!tcpComplete(reply) || u16(reply, 0) < 12) {
            return Optional.empty();
        }
        return answer(Arrays.copyOfRange(reply, 2, 2 + u16(reply, 0)), id);
    }

    /**
     * The evidence that {@code reply} is a DNS server's answer to {@link #query(int) query(id)}
     * ({@code REFUSED}, {@code NOERROR "9.18.28"}), or empty when it is not: too short, another id,
     * not a response (an echo of the query), another opcode, or a question that is not ours.
     */
    public static Optional<String> answer(byte[] reply, int id) {
        byte[] q = query(id);
        if (reply.length < 12 || u16(reply, 0) != id) {
            return Optional.empty();
        }
        int flags = u16(reply, 2);
        boolean response = (flags & 0x8000) != 0;
        int opcode = (flags >> 11) & 0xf;
        if (!response || opcode != 0) {
            return Optional.empty();
        }
        int questions = u16(reply, 4);
        if (questions > 1) {
            return Optional.empty();
        }
        int rcode = flags & 0xf;
        String status = rcode < RCODES.length ? RCODES[rcode] : "RCODE " + rcode;
        if (questions == 0) {
            return Optional.of(status); // some servers drop the question from an error reply
        }
        int questionEnd = q.length;
        if (reply.length < questionEnd) {
            return Optional.empty();
        }
        for (int i = 12; i < questionEnd; i++) {
            if (Character.toLowerCase(reply[i]) != Character.toLowerCase(q[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(u16(reply, 6) > 0 ? firstTxt(reply, questionEnd).map(t -> status + " \"" + t + "\"").orElse(status) : status);
    }

    /** The first string of the first answer record when it is a TXT record; empty when anything does not fit. */
    private static Optional<String> firstTxt(byte[] m, int at) {
        int p = skipName(m, at);
        if (p < 0 || p + 10 > m.length || u16(m, p) != TYPE_TXT) {
            return Optional.empty();
        }
        int length = u16(m, p + 8);
        int data = p + 10;
        if (length < 1 || data + length > m.length || m[data] < 0 || 1 + (m[data] & 0xff) > length) {
            return Optional.empty();
        }
        return Optional.of(ReplyClassifier.firstLine(Arrays.copyOfRange(m, data + 1, data + 1 + (m[data] & 0xff))));
    }

    /** The position after a name (labels, ending in 0 or a compression pointer); -1 when it runs off the message. */
    private static int skipName(byte[] m, int p) {
        for (int labels = 0; p < m.length && labels < 128; labels++) {
            int len = m[p] & 0xff;
            if (len == 0) {
                return p + 1;
            }
            if ((len & 0xc0) == 0xc0) {
                return p + 2 <= m.length ? p + 2 : -1;
            }
            p += 1 + len;
        }
        return -1;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }
}
