package dev.portscope.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Standard output as UTF-8, for {@link Main}'s {@link java.io.PrintWriter}: each string is encoded
 * with {@link String#getBytes} into one 64 KiB buffer. The JDK's own path (a {@code BufferedWriter}
 * over an {@code OutputStreamWriter} over {@code System.out}) widens every line to chars and encodes
 * them back, a tenth of the time of a listing of 200,000 connections. Not thread-safe; the
 * {@code PrintWriter} around it serializes writers.
 */
final class Utf8Output extends Writer {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int used;
    private IOException failure;

    Utf8Output(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        String part = offset == 0 && length == text.length() ? text : text.substring(offset, offset + length);
        put(part.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            if (chars[i] >= 0x80) {
                put(new String(chars, offset, length).getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        // ASCII, as nearly every row of a listing is: one byte a char, straight into the buffer
        if (length > buffer.length - used) {
            flushBuffer();
            if (length > buffer.length) {
                put(new String(chars, offset, length).getBytes(StandardCharsets.US_ASCII));
                return;
            }
        }
        for (int i = 0; i < length; i++) {
            buffer[used + i] = (byte) chars[offset + i];
        }
        used += length;
    }

    @Override
    public void write(int c) throws IOException {
        write(String.valueOf((char) c));
    }

    private void put(byte[] bytes) throws IOException {
        if (bytes.length > buffer.length - used) {
            flushBuffer();
            if (bytes.length > buffer.length) {
                try {
                    out.write(bytes);
                } catch (IOException e) {
                    remember(e);
                    throw e;
                }
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
    }

    private void flushBuffer() throws IOException {
        if (used > 0) {
            int length = used;
            used = 0;
            try {
                out.write(buffer, 0, length);
            } catch (IOException e) {
                remember(e);
                throw e;
            }
        }
    }

    /** The first write that failed ({@link java.io.PrintWriter} keeps only that one did), or null. */
    IOException failure() {
        return failure;
    }

    private void remember(IOException e) {
        if (failure == null) {
            failure = e;
        }
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
        try {
            out.flush();
        } catch (IOException e) {
            remember(e);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
