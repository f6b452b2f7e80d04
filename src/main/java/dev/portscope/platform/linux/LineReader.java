package dev.portscope.platform.linux;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines without decoding it into strings: {@code /proc/net/tcp} on a busy
 * server is tens of megabytes, read in one pass through a reused buffer.
 */
final class LineReader {

    /** Receives one line: {@code buf[start, end)}, without its newline. */
    interface LineHandler {
        void line(byte[] buf, int start, int end, int lineNumber);
    }

    private LineReader() {}

    static void forEachLine(InputStream in, LineHandler handler) throws IOException {
        byte[] buf = new byte[1 << 16];
        int filled = 0;
        int lineNumber = 0;
        while (true) {
            int read = in.read(buf, filled, buf.length - filled);
            if (read < 0) {
                break;
            }
            filled += read;
            int start = 0;
            for (int i = 0; i < filled; i++) {
                if (buf[i] == '\n') {
                    handler.line(buf, start, i, ++lineNumber);
                    start = i + 1;
                }
            }
            System.arraycopy(buf, start, buf, 0, filled - start);
            filled -= start;
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
            }
        }
        if (filled > 0) {
            handler.line(buf, 0, filled, ++lineNumber);
        }
    }
}
