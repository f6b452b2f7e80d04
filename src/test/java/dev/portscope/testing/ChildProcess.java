package dev.portscope.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A program a test starts outside the JVM; its first output line says it is ready. Killed on close. */
public final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader reader;
    private final String firstLine;

    private ChildProcess(Process process, BufferedReader reader, String firstLine) {
        this.process = process;
        this.reader = reader;
        this.firstLine = firstLine;
    }

    /** Starts {@code command} and waits (at most 10 s) for its first line of output. */
    public static ChildProcess start(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String first = nextLine(reader);
            if (first == null) {
                throw new IllegalStateException(command + " exited before it was ready");
            }
            return new ChildProcess(process, reader, first);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The next line of output, null at its end; at most 10 s. */
    private static String nextLine(BufferedReader reader) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    /**
     * Writes {@code line} to the program's standard input and returns the line it answers, or null
     * when it ended instead. For programs that echo their input: an answer proves the program was
     * alive and had no fatal signal pending when it read the line.
     */
    public String ask(String line) throws Exception {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException ended) {
            return null;
        }
        return nextLine(reader);
    }

    public long pid() {
        return process.pid();
    }

    public String firstLine() {
        return firstLine;
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
