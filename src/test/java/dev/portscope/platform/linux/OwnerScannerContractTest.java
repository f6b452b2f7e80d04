package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Diagnostic;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both owner scanners keep one contract: the same owners, the same counts and the same diagnostics
 * for what they could not read. Permission is counted, an exited process is silent, anything else
 * (out of descriptors above all) is reported as a partial answer.
 */
class OwnerScannerContractTest {

    record Scanner(String name, java.util.function.Function<Path, OwnerScanner> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scanner> scanners() {
        return Stream.of(new Scanner("libc", p -> new FdOwnerScanner(p, new FdOwnerScanner.Settings(2))),
                new Scanner("java.nio", NioOwnerScanner::new));
    }

    private static void link(Path root, String at, String target) throws IOException {
        Path link = root.resolve(at);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of(target));
    }

    /** 100 and 200 share a socket; 300 exited (no fd/); 400's fd is not a directory (ENOTDIR), which must be said. */
    private static Path tree(Path proc) throws IOException {
        link(proc, "100/fd/3", "socket:[5001]");
        link(proc, "200/fd/4", "socket:[5001]");
        link(proc, "200/fd/5", "socket:[5002]");
        Files.createDirectories(proc.resolve("300"));
        Files.createDirectories(proc.resolve("400"));
        Files.writeString(proc.resolve("400/fd"), "not a directory");
        return proc;
    }

    @ParameterizedTest
    @MethodSource("scanners")
    void readsEveryProcessAndReportsWhatItCouldNotRead(Scanner scanner, @TempDir Path proc) throws IOException {
        DiagnosticLog log = new DiagnosticLog();
        OwnerScan scan = scanner.make().apply(tree(proc)).scan(null, log);

        assertThat(scan.owners().pidsOf(5001)).containsExactlyInAnyOrder(100, 200);
        assertThat(scan.owners().pidsOf(5002)).containsExactly(200);
        assertThat(scan.unreadableProcesses()).isZero();
        assertThat(log.diagnostics()).containsExactly(new Diagnostic(Diagnostic.Kind.IO_ERROR,
                "owners may be missing: the descriptors of 1 process could not be listed: ENOTDIR (not a directory)"));
    }

    @Test
    void bothScannersSayTheSame(@TempDir Path proc) throws IOException {
        tree(proc);
        List<List<Diagnostic>> said = scanners().map(s -> {
            DiagnosticLog log = new DiagnosticLog();
            s.make().apply(proc).scan(null, log);
            return log.diagnostics();
        }).toList();
        assertThat(said.get(0)).isEqualTo(said.get(1));
    }

    @Test
    void permissionIsCountedExitsAreSilentAndEverythingElseIsReported() {
        OwnerScanProblems problems = new OwnerScanProblems();
        problems.processFailed(10, 13); // EACCES
        problems.processFailed(11, 1);  // EPERM
        problems.processFailed(12, 2);  // ENOENT: exited
        problems.processFailed(13, 3);  // ESRCH: exited
        problems.descriptorFailed(50, 2); // closed meanwhile
        problems.descriptorFailed(60, 13); // a link the kernel refuses: process 60 is unreadable, once
        problems.descriptorFailed(60, 13);
        problems.processFailed(14, 24); // EMFILE
        problems.processFailed(15, 24);
        problems.descriptorFailed(70, 23); // ENFILE
        OwnerScanProblems other = new OwnerScanProblems();
        other.processFailed(7, new FileSystemException("/proc/7/fd", null, "Too many open files"));
        other.processFailed(8, new NoSuchFileException("/proc/8/fd"));
        problems.merge(other);

        DiagnosticLog log = new DiagnosticLog();
        problems.report(log);
        assertThat(problems.unreadableProcesses()).containsExactly(10, 11, 60);
        assertThat(log.diagnostics()).containsExactly(
                new Diagnostic(Diagnostic.Kind.RESOURCE_LIMIT,
                        "owners may be missing: the descriptors of 3 processes could not be listed: EMFILE (too many open files)"),
                new Diagnostic(Diagnostic.Kind.RESOURCE_LIMIT,
                        "owners may be missing: the descriptors of processes could not be read (1 descriptor): "
                                + "ENFILE (file table overflow)"));
        assertThat(log.diagnostics()).allMatch(d -> d.kind().partial());
    }
}
