package dev.portscope.platform.linux;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.LinuxSocket;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decodes the text of {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6}
 * ({@code net/ipv4/tcp_ipv4.c: get_tcp4_sock}, {@code net/ipv4/udp.c: udp4_format_sock}). A pure
 * function over bytes: it neither opens files nor keeps state between lines.
 *
 * <pre>
 *   sl  local_address rem_address   st tx_queue:rx_queue tr:tm->when retrnsmt   uid  timeout inode ...
 *    0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41503 ...
 * </pre>
 *
 * Addresses are the raw {@code __be32} words printed with {@code %08X} as native integers, so their
 * byte order is the machine's.
 */
public final class ProcNetParser {

    private final Protocol protocol;
    private final IpFamily family;
    private final long netns;
    private final String fileName;
    private final ByteOrder byteOrder;

    /**
     * @param fileName  named in diagnostics, e.g. {@code /proc/net/tcp}
     * @param byteOrder the byte order of the machine that wrote the file
     */
    public ProcNetParser(Protocol protocol, IpFamily family, long netns, String fileName, ByteOrder byteOrder) {
        this.protocol = protocol;
        this.family = family;
        this.netns = netns;
        this.fileName = fileName;
        this.byteOrder = byteOrder;
    }

    /** A malformed line, with what was wrong. */
    public record Malformed(String where, String what) {}

    /**
     * Decodes one line (without its newline). The header line and lines whose state is not in
     * {@code states} are skipped before their addresses are decoded.
     *
     * @param lineNumber 1-based, for diagnostics
     * @return null when the line was decoded or skipped, else what was wrong with it
     */
    public Malformed parseLine(
            byte[] buf, int start, int end, int lineNumber, Set<SocketState> states, Consumer<Socket> sink) {
        Cursor c = new Cursor(buf, start, end);
        c.skipSpaces();
        if (c.pos < end && buf[c.pos] == 's') {
            return null; // the header: "  sl  local_address ..."
        }
        if (c.atEnd()) {
            return null;
        }
        try {
            c.hexUntil(':'); // slot number
            int addressChars = family == IpFamily.IPV4 ? 8 : 32;
            int localStart = c.word(addressChars, ':');
            int localPort = (int) c.hexUntil(' ');
            int remoteStart = c.word(addressChars, ':');
            int remotePort = (int) c.hexUntil(' ');
            SocketState state = KernelSocketStates.toModel((int) c.hexUntil(' '));
            if (!states.contains(state)) {
                return null;
            }
            long txQueue = c.hexUntil(':');
            long rxQueue = c.hexUntil(' ');
            long timer = c.hexUntil(':'); // tr
            c.skipField(); // tm->when
            c.skipField(); // retrnsmt
            long uid = c.decimal();
            c.skipField(); // timeout
            long inode = c.decimal();
            if (localPort > 65_535 || remotePort > 65_535) {
                throw new IllegalArgumentException("port out of range");
            }
            Socket socket = new Socket(
                    protocol,
                    family,
                    new Endpoint(address(buf, localStart, addressChars), localPort),
                    new Endpoint(address(buf, remoteStart, addressChars), remotePort),
                    state,
                    ownerless(state, timer) ? Socket.UNKNOWN_UID : (int) uid,
                    inode,
                    rxQueue,
                    txQueue,
                    null,
                    new LinuxSocket(inode, 0, netns, null, null));
            sink.accept(socket);
            return null;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return new Malformed(fileName + ":" + lineNumber, e.getMessage() == null ? "truncated line" : e.getMessage());
        }
    }

    /**
     * A TIME_WAIT socket has no owner: {@code get_timewait4_sock} ({@code net/ipv4/tcp_ipv4.c}) prints uid 0
     * and timer 3, also for the FIN_WAIT2 sub-state it reports as state 05.
     */
    private static boolean ownerless(SocketState state, long timer) {
        return state == SocketState.TIME_WAIT || timer == 3;
    }

    private InetAddress address(byte[] buf, int start, int chars) {
        byte[] bytes = new byte[chars / 2];
        for (int word = 0; word < chars / 8; word++) {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 4) | hexDigit(buf[start + word * 8 + i]);
            }
            for (int i = 0; i < 4; i++) {
                int shift = byteOrder == ByteOrder.LITTLE_ENDIAN ? 8 * i : 8 * (3 - i);
                bytes[word * 4 + i] = (byte) (value >>> shift);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address length", e);
        }
    }

    static int hexDigit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        throw new IllegalArgumentException("not a hex digit: '" + (char) b + "'");
    }

    /** Walks the fields of one line. */
    private static final class Cursor {
        private final byte[] buf;
        private final int end;
        private int pos;

        Cursor(byte[] buf, int start, int end) {
            this.buf = buf;
            this.pos = start;
            this.end = end;
        }

        boolean atEnd() {
            return pos >= end;
        }

        void skipSpaces() {
            while (pos < end && buf[pos] == ' ') {
                pos++;
            }
        }

        /** Reads hex digits up to {@code stop} (or the end of the field) and steps past it. */
        long hexUntil(char stop) {
            skipSpaces();
            int digits = 0;
            long value = 0;
            while (pos < end && buf[pos] != stop && buf[pos] != ' ') {
                if (++digits > 16) {
                    throw new IllegalArgumentException("number too long");
                }
                value = (value << 4) | hexDigit(buf[pos++]);
            }
            if (digits == 0) {
                throw new IllegalArgumentException(pos >= end ? "truncated line" : "missing number");
            }
            if (pos < end && buf[pos] == stop) {
                pos++;
            } else if (stop != ' ') {
                throw new IllegalArgumentException("expected '" + stop + "'");
            }
            return value;
        }

        /** Checks a fixed-width hex word followed by {@code stop}; returns where it starts. */
        int word(int chars, char stop) {
            skipSpaces();
            int start = pos;
            if (start + chars >= end || buf[start + chars] != stop) {
                throw new IllegalArgumentException("address is not " + chars + " hex digits");
            }
            pos = start + chars + 1;
            return start;
        }

        long decimal() {
            skipSpaces();
            int digits = 0;
            long value = 0;
            while (pos < end && buf[pos] != ' ') {
                byte b = buf[pos++];
                if (b < '0' || b > '9' || ++digits > 19) {
                    throw new IllegalArgumentException("not a decimal number");
                }
                value = value * 10 + (b - '0');
            }
            if (digits == 0) {
                throw new IllegalArgumentException("truncated line");
            }
            return value;
        }

        void skipField() {
            skipSpaces();
            if (pos >= end) {
                throw new IllegalArgumentException("truncated line");
            }
            while (pos < end && buf[pos] != ' ') {
                pos++;
            }
        }
    }
}
