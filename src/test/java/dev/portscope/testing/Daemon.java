package dev.portscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * A real server program (sshd, redis-server, postgres) that a test starts on 127.0.0.1, in a
 * directory of its own, and stops on close: SIGTERM, then SIGKILL after 10 s; its directory is
 * removed. Its output goes to a log file, quoted when it fails to start.
 */
public final class Daemon implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration READY_LIMIT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path dir;

    private Daemon(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts {@code command.apply(port)} on a port the kernel handed out, in {@code dir}, and waits
     * (at most 30 s) until the port accepts connections. The port is free when chosen but another
     * program may take it before the daemon binds: then up to two more ports are tried.
     */
    public static Daemon start(Path dir, IntFunction<List<String>> command) throws IOException, InterruptedException {
        String failure = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path log = dir.resolve("daemon-" + attempt + ".log");
            Process process = new ProcessBuilder(command.apply(port)).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Daemon daemon = new Daemon(process, port, dir);
            if (daemon.awaitReady()) {
                return daemon;
            }
            String outcome = process.isAlive() ? "did not listen on 127.0.0.1:" + port + " within " + READY_LIMIT.toSeconds() + " s"
                    : "exited with status " + process.exitValue() + " before it listened on 127.0.0.1:" + port;
            daemon.stop();
            failure = command.apply(port) + " " + outcome + "; its output:\n" + Files.readString(log, StandardCharsets.UTF_8);
            if (!process.isAlive() && process.exitValue() != 0 && !failure.toLowerCase().contains("address already in use")) {
                break; // a failure other than a lost race for the port: trying again would not help
            }
        }
        removeTree(dir);
        throw new IllegalStateException(failure);
    }

    /** A port no socket of this machine holds right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Waits until the daemon, or a process it started, holds a listener on 127.0.0.1:port — read from
     * /proc, never by connecting: another program may have taken the port first, and its listener
     * is not the test's to touch.
     */
    private boolean awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (System.nanoTime() - deadline < 0 && process.isAlive()) {
            if (holdsListener()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private boolean holdsListener() {
        String local = String.format("0100007F:%04X", port);
        String socket = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].equals(local) && f[3].equals("0A")) { // 0A: TCP_LISTEN
                    socket = "socket:[" + f[9] + "]";
                }
            }
        } catch (IOException e) {
            return false;
        }
        if (socket == null) {
            return false;
        }
        for (ProcessHandle h : Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList()) {
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(h.pid()), "fd"))) {
                String wanted = socket;
                if (fds.anyMatch(fd -> wanted.equals(link(fd)))) {
                    return true;
                }
            } catch (IOException | UncheckedIOException gone) {
                // exited meanwhile
            }
        }
        return false;
    }

    private static String link(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException closed) {
            return "";
        }
    }

    private void stop() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            removeTree(dir);
        }
    }

    /** Deletes {@code dir} and everything below it, files before their directories. */
    public static void removeTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
