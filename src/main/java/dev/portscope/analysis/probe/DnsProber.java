package dev.portscope.analysis.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asks a UDP port the DNS question of {@link DnsMessages} and judges the answer. One datagram out;
 * the wait for the reply is bounded by the timeout. UDP has no banner and no handshake, so this is
 * the only probe a UDP port gets: a silent port is unknown, not "not DNS".
 */
public final class DnsProber {

    /** RFC 1035 §4.2.1: a UDP answer is at most 512 bytes without EDNS, which the query does not offer. */
    private static final int MAX_REPLY = 512;

    private final Duration timeout;

    public DnsProber(Duration timeout) {
        this.timeout = timeout;
    }

    /** No answer: within the timeout (unknown), or before a nearer deadline cut the wait short (timed out). */
    private Detection silence(boolean cut) {
        return cut ? Detection.timedOut("timed out: the probes' time was up before a DNS answer came")
                : Detection.of(ProtocolKind.UNKNOWN, "no DNS answer within " + timeout.toMillis() + " ms");
    }

    public Detection detect(InetSocketAddress target) {
        return detect(target, System.nanoTime() + timeout.toNanos(), false);
    }

    /** As {@link #detect(InetSocketAddress)}, waiting no later than {@code notAfter} ({@link System#nanoTime()}). */
    Detection detect(InetSocketAddress target, long notAfter) {
        long full = System.nanoTime() + timeout.toNanos();
        boolean cut = notAfter - full < 0;
        return detect(target, cut ? notAfter : full, cut);
    }

    /** @param cut whether {@code deadline} comes before the timeout would have */
    private Detection detect(InetSocketAddress target, long deadline, boolean cut) {
        int id = ThreadLocalRandom.current().nextInt(1 << 16);
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.connect(target); // only the target's datagrams are received; an ICMP unreachable is reported
            byte[] query = DnsMessages.query(id);
            socket.send(new DatagramPacket(query, query.length));
            byte[] buffer = new byte[MAX_REPLY];
            // a stray datagram (a late answer to an earlier probe) does not end the wait; the deadline does
            for (int replies = 0; replies < 16; replies++) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left < 1) {
                    break;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Optional<String> answer = DnsMessages.answer(Arrays.copyOf(buffer, packet.getLength()), id);
                if (answer.isPresent()) {
                    return Detection.of(ProtocolKind.DNS, "version.bind CH TXT answered " + answer.get());
                }
            }
            return silence(cut);
        } catch (SocketTimeoutException e) {
            return silence(cut);
        } catch (PortUnreachableException e) {
            return Detection.of(ProtocolKind.UNKNOWN, "port unreachable: nothing listens");
        } catch (IOException e) {
            return Detection.of(ProtocolKind.UNKNOWN, "udp: " + e.getMessage());
        }
    }
}
