package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8OutputTest {

    @Test
    void writesWhatPrintWriterIsGivenAsUtf8() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter out = new PrintWriter(new Utf8Output(bytes), false);
        String big = "x".repeat(200_000); // larger than the buffer
        out.println("tcp  127.0.0.1:22  sshd");
        out.print('é');
        out.println("naïve…");
        out.write(new char[] {'a', 'b', 'c', 'd'}, 1, 2);
        out.println(big);
        out.printf("%d%n", 42);
        out.flush();
        String expected = "tcp  127.0.0.1:22  sshd" + System.lineSeparator() + "énaïve…" + System.lineSeparator() + "bc"
                + big + System.lineSeparator() + "42" + System.lineSeparator();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void charArraysOfAsciiAndOfOtherTextAreBothUtf8() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter out = new PrintWriter(new Utf8Output(bytes), false);
        char[] ascii = "tcp  ESTAB  127.0.0.1:22\n".toCharArray();
        char[] other = "user  josé…\n".toCharArray();
        char[] large = "y".repeat(100_000).toCharArray(); // larger than the buffer
        for (int i = 0; i < 3_000; i++) { // crosses the 64 KiB buffer many times
            out.write(ascii, 0, ascii.length);
        }
        out.write(other, 0, other.length);
        out.write(large, 0, large.length);
        out.write(ascii, 5, 5);
        out.flush();
        String expected = "tcp  ESTAB  127.0.0.1:22\n".repeat(3_000) + "user  josé…\n" + "y".repeat(100_000) + "ESTAB";
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void nothingReachesTheStreamBeforeAFlush() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter out = new PrintWriter(new Utf8Output(bytes), false);
        out.println("held");
        assertThat(bytes.size()).isZero();
        out.flush();
        assertThat(bytes.size()).isEqualTo(("held" + System.lineSeparator()).length());
    }

    @Test
    void aFailingStreamShowsInCheckError() {
        OutputStream closedPipe = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        PrintWriter out = new PrintWriter(new Utf8Output(closedPipe), false);
        out.println("row");
        assertThat(out.checkError()).isTrue();
    }
}
