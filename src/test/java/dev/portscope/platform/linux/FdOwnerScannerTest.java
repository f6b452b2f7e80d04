package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.LoopbackSockets;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The libc scanner against the live /proc (sockets of this JVM and of a forked python3 child), in
 * every setting, and against a hand-made tree for the cases a live machine cannot stage.
 */
@Tag("live")
@Timeout(30)
class FdOwnerScannerTest {

    /**
     * Binds two listeners, forks; the child keeps only the first. Prints: shared port, private port,
     * parent pid, child pid — only once the child has closed its copy of the private listener (it
     * says so through a pipe): printing right after the fork let a scan find the child still holding it.
     */
    private static final String FORKING_LISTENER = """
            import os, socket, sys, time
            shared = socket.socket(); shared.bind(("127.0.0.1", 0)); shared.listen(1)
            private = socket.socket(); private.bind(("127.0.0.1", 0)); private.listen(1)
            r, w = os.pipe()
            child = os.fork()
            if child == 0:
                private.close(); os.close(r); os.write(w, b"closed"); os.close(w); time.sleep(60); os._exit(0)
            os.close(w)
            assert os.read(r, 6) == b"closed"
            print(shared.getsockname()[1], private.getsockname()[1], os.getpid(), child, flush=True)
            time.sleep(60)
            """;

    static Stream<FdOwnerScanner.Settings> settings() {
        return Stream.of(new FdOwnerScanner.Settings(1), new FdOwnerScanner.Settings(2));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void mapsEachLiveSocketToItsProcesses(FdOwnerScanner.Settings settings) throws Exception {
        try (LoopbackSockets sockets = new LoopbackSockets();
                ChildProcess python = ChildProcess.start(List.of("python3", "-c", FORKING_LISTENER))) {
            ServerSocketChannel mine = sockets.listen("127.0.0.1");
            String[] line = python.firstLine().trim().split(" ");
            int parent = Integer.parseInt(line[2]);
            int child = Integer.parseInt(line[3]);
            long mineInode = listenerInode(LoopbackSockets.port(mine));
            long sharedInode = listenerInode(Integer.parseInt(line[0]));
            long privateInode = listenerInode(Integer.parseInt(line[1]));

            OwnerScan scan = new FdOwnerScanner(Path.of("/proc"), settings).scan(null, new DiagnosticLog());

            assertThat(scan.owners().pidsOf(mineInode)).containsExactly((int) ProcessHandle.current().pid());
            assertThat(scan.owners().pidsOf(sharedInode)).containsExactlyInAnyOrder(parent, child);
            assertThat(scan.owners().pidsOf(privateInode)).containsExactly(parent);
            // the tests run as root or as the owner: only what the kernel refuses even so is unreadable
            // (a sandbox's pid 1 may be), and it is counted, not skipped
            assertThat(scan.unreadableProcesses()).isLessThanOrEqualTo(refusedByTheKernel());
        }
    }

    @Test
    void readsACopiedTreeWhereLinksDangle(@TempDir Path proc) throws IOException {
        link(proc, "100/fd/0", "/dev/null");
        link(proc, "100/fd/3", "socket:[5001]");
        link(proc, "100/fd/4", "pipe:[5002]");
        link(proc, "100/fd/5", "/" + "very-long-directory-name/".repeat(5) + "socket:[5003]");
        link(proc, "200/fd/7", "socket:[5001]");
        link(proc, "200/fd/8", "socket:[5004]");
        Files.createDirectories(proc.resolve("300")); // exited between the listing of /proc and its fd
        link(proc, "self/fd/9", "socket:[5005]"); // not a pid
        link(proc, "net/fd/9", "socket:[5006]");

        var scanner = new FdOwnerScanner(proc, new FdOwnerScanner.Settings(2));
        OwnerScan scan = scanner.scan(null, new DiagnosticLog());

        assertThat(scan.owners().pidsOf(5001)).containsExactlyInAnyOrder(100, 200);
        assertThat(scan.owners().pidsOf(5004)).containsExactly(200);
        assertThat(scan.owners().size()).isEqualTo(2);
        assertThat(scan.unreadableProcesses()).isZero();
    }

    @Test
    void aMissingProcRootIsReportedNotThrown(@TempDir Path dir) {
        DiagnosticLog log = new DiagnosticLog();
        var scanner = new FdOwnerScanner(dir.resolve("nothing"), new FdOwnerScanner.Settings(1));
        OwnerScan scan = scanner.scan(null, log);
        assertThat(scan.owners().size()).isZero();
        assertThat(log.diagnostics()).hasSize(1);
    }

    @Test
    void writesThePathOfADescriptorDirectory() {
        byte[] path = new byte[24];
        assertThat(new String(path, 0, FdOwnerScanner.pidFdPath(7, path))).isEqualTo("7/fd");
        assertThat(new String(path, 0, FdOwnerScanner.pidFdPath(4194304, path))).isEqualTo("4194304/fd");
        assertThat(new String(path, 0, FdOwnerScanner.pidFdPath(Integer.MAX_VALUE, path))).isEqualTo("2147483647/fd");
    }

    /** Processes with a descriptor whose link this JVM may not read, by java.nio: the oracle for the count. */
    private static int refusedByTheKernel() throws IOException {
        int refused = 0;
        try (var pids = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path pid : pids) {
                try (var fds = Files.newDirectoryStream(pid.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            Files.readSymbolicLink(fd);
                        } catch (java.nio.file.AccessDeniedException e) {
                            refused++;
                            break;
                        } catch (IOException e) {
                            // closed meanwhile
                        }
                    }
                } catch (java.nio.file.AccessDeniedException e) {
                    refused++;
                } catch (IOException | java.nio.file.DirectoryIteratorException e) {
                    // exited meanwhile
                }
            }
        }
        return refused;
    }

    private static void link(Path root, String at, String target) throws IOException {
        Path link = root.resolve(at);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of(target));
    }

    /** The inode of a 127.0.0.1 TCP listener, from /proc/net/tcp (fields: sl local rem st ... uid timeout inode). */
    static long listenerInode(int port) throws IOException {
        String local = String.format("0100007F:%04X", port);
        for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[1].equals(local) && f[3].equals("0A")) {
                return Long.parseLong(f[9]);
            }
        }
        throw new AssertionError("no listener on 127.0.0.1:" + port + " in /proc/net/tcp");
    }
}
