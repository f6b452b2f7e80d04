package dev.portscope.platform.linux;

import dev.portscope.model.OwnerIndex;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongPredicate;

/**
 * Socket owners with java.nio only: lists {@code /proc/<pid>/fd} and reads each link. The fallback
 * where {@link FdOwnerScanner} cannot bind libc (no native access, another libc); several times slower
 * because every descriptor costs a {@code Path} and a {@code String}.
 */
final class NioOwnerScanner implements OwnerScanner {

    private final Path procRoot;

    NioOwnerScanner(Path procRoot) {
        this.procRoot = procRoot;
    }

    @Override
    public OwnerScan scan(LongPredicate wanted, DiagnosticLog log) {
        OwnerIndex.Builder owners = new OwnerIndex.Builder();
        OwnerScanProblems problems = new OwnerScanProblems();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(procRoot, NioOwnerScanner::isPidDirectory)) {
            for (Path pidDir : pids) {
                int pid = Integer.parseInt(pidDir.getFileName().toString());
                scanDescriptors(pidDir.resolve("fd"), pid, wanted, owners, problems);
            }
        } catch (IOException e) {
            log.report(Failures.of(e), procRoot + ": cannot list processes: " + Failures.describe(e));
        }
        problems.report(log);
        return new OwnerScan(owners.build(), problems.unreadableProcesses());
    }

    private static boolean isPidDirectory(Path path) {
        String name = path.getFileName().toString();
        if (name.isEmpty() || name.length() > 10) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return Long.parseLong(name) <= Integer.MAX_VALUE;
    }

    private static void scanDescriptors(Path fdDir, int pid, LongPredicate wanted, OwnerIndex.Builder owners, OwnerScanProblems problems) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                String link;
                try {
                    link = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    problems.descriptorFailed(pid, e);
                    continue;
                }
                long inode = ProcPidFiles.socketInode(link);
                if (inode > 0 && (wanted == null || wanted.test(inode))) {
                    owners.add(inode, pid);
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            problems.processFailed(pid, e instanceof java.nio.file.DirectoryIteratorException d ? d.getCause() : (IOException) e);
        }
    }
}
