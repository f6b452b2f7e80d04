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
    private final String firstLine;

    private ChildProcess(Process process, String firstLine) {
        this.process = process;
        this.firstLine = firstLine;
    }

    /** Starts {@code command} and waits (at most 10 s) for its first line of output. */
    public static ChildProcess start(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String first = line.get(10, TimeUnit.SECONDS);
            if (first == null) {
                throw new IllegalStateException(command + " exited before it was ready");
            }
            return new ChildProcess(process, first);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
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
